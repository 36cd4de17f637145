package dev.ivsplayback.examples.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may watch what: HTTP basic users ({@code auth.users.NAME=PASSWORD}) and the channels each
 * viewer may play ({@code auth.grants.NAME=name-or-arn,...}, {@code *} for all). A viewer
 * identified by the trusted header ({@code X-Viewer-Id}, set by a gateway) needs a grant too.
 */
@ConfigurationProperties(prefix = "auth")
public class ViewerProperties {
  private Map<String, String> users = new LinkedHashMap<>();
  private Map<String, List<String>> grants = new LinkedHashMap<>();
  private boolean trustViewerHeader = true;

  /**
   * @return user name to password
   */
  public Map<String, String> getUsers() {
    return users;
  }

  /**
   * @param users user name to password
   */
  public void setUsers(Map<String, String> users) {
    this.users = users;
  }

  /**
   * @return viewer to the channels (names or ARNs) they may play
   */
  public Map<String, List<String>> getGrants() {
    return grants;
  }

  /**
   * @param grants viewer to channels
   */
  public void setGrants(Map<String, List<String>> grants) {
    this.grants = grants;
  }

  /**
   * @return whether the X-Viewer-Id header identifies the viewer
   */
  public boolean isTrustViewerHeader() {
    return trustViewerHeader;
  }

  /**
   * @param trustViewerHeader whether the X-Viewer-Id header identifies the viewer
   */
  public void setTrustViewerHeader(boolean trustViewerHeader) {
    this.trustViewerHeader = trustViewerHeader;
  }
}
