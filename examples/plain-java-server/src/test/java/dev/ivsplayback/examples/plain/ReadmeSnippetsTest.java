package dev.ivsplayback.examples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Java blocks are the compiled regions of {@link ReadmeSnippets}, character for
 * character (after removing the common indent), so the README cannot drift from the API.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of("../..");

  static Map<String, String> readmeBlocks() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher m =
        Pattern.compile("<!-- snippet: (\\w+) -->\\n```java\\n(.*?)```", Pattern.DOTALL)
            .matcher(readme);
    Map<String, String> blocks = new LinkedHashMap<>();
    while (m.find()) {
      blocks.put(m.group(1), m.group(2));
    }
    return blocks;
  }

  static Map<String, String> sourceRegions() throws IOException {
    String source =
        Files.readString(
            Path.of("src/main/java/dev/ivsplayback/examples/plain/ReadmeSnippets.java"));
    Matcher m =
        Pattern.compile("// tag::(\\w+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]", Pattern.DOTALL)
            .matcher(source);
    Map<String, String> regions = new LinkedHashMap<>();
    while (m.find()) {
      regions.put(m.group(1), dedent(m.group(2)));
    }
    return regions;
  }

  static String dedent(String text) {
    List<String> lines = text.lines().toList();
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder out = new StringBuilder();
    for (String l : lines) {
      out.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    return out.toString();
  }

  @Test
  void everyReadmeJavaBlock_isACompiledRegion() throws IOException {
    Map<String, String> regions = sourceRegions();
    Map<String, String> blocks = readmeBlocks();

    assertThat(blocks.keySet())
        .as("README snippets")
        .containsExactlyInAnyOrderElementsOf(regions.keySet());
    for (Map.Entry<String, String> region : regions.entrySet()) {
      assertThat(blocks.get(region.getKey()))
          .as("README block '%s' must read exactly:%n%s", region.getKey(), region.getValue())
          .isEqualTo(region.getValue());
    }
  }

  @Test
  void readme_hasNoUnmarkedJavaBlock() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    long javaBlocks = Pattern.compile("```java\\n").matcher(readme).results().count();

    assertThat(javaBlocks).isEqualTo(readmeBlocks().size());
  }
}
