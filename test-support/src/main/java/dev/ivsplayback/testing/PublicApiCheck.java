package dev.ivsplayback.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The architecture rule that makes {@code internal} more than a convention: no type of a public
 * package exposes a type of an {@code internal} package through anything a user can reach (its
 * supertypes, and the signatures of its public and protected fields, constructors and methods,
 * generics included). The project ships Automatic-Module-Name jars rather than module-info (see the
 * README for why); this check is what keeps the public surface honest.
 *
 * <pre>{@code
 * assertThat(PublicApiCheck.violations(PlaybackTokenSigner.class)).isEmpty();
 * }</pre>
 */
public final class PublicApiCheck {
  private PublicApiCheck() {}

  /**
   * Every place where the module that holds {@code anchor} exposes an internal type.
   *
   * @param anchor any class of the module to check (its classes directory or jar is scanned)
   * @return one line per violation, e.g. {@code "a.b.Foo#bar(..) returns a.b.internal.Baz"}
   */
  public static Set<String> violations(Class<?> anchor) {
    Set<String> found = new TreeSet<>();
    for (Class<?> type : publicApiClasses(anchor)) {
      check(type, "extends", type.getGenericSuperclass(), found);
      for (Type i : type.getGenericInterfaces()) {
        check(type, "implements", i, found);
      }
      for (Field f : type.getDeclaredFields()) {
        if (visible(f)) {
          check(type, "field " + f.getName(), f.getGenericType(), found);
        }
      }
      List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredConstructors()));
      executables.addAll(List.of(type.getDeclaredMethods()));
      for (Executable e : executables) {
        if (!visible(e) || e.isSynthetic() || (e instanceof Method m && m.isBridge())) {
          continue;
        }
        String where = e.getName() + "(..)";
        if (e instanceof Method m) {
          check(type, where + " returns", m.getGenericReturnType(), found);
        }
        for (Type p : e.getGenericParameterTypes()) {
          check(type, where + " takes", p, found);
        }
        for (Type x : e.getGenericExceptionTypes()) {
          check(type, where + " throws", x, found);
        }
      }
    }
    return found;
  }

  /**
   * The public types of the anchor's module outside {@code internal} packages.
   *
   * @param anchor any class of the module
   * @return the classes, loaded without initialising them
   */
  public static List<Class<?>> publicApiClasses(Class<?> anchor) {
    Path root;
    try {
      root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<String> names = new ArrayList<>();
    try {
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          files
              .filter(f -> f.toString().endsWith(".class"))
              .forEach(f -> names.add(root.relativize(f).toString()));
        }
      } else {
        try (JarFile jar = new JarFile(root.toFile())) {
          jar.stream()
              .map(JarEntry::getName)
              .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
              .forEach(names::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Class<?>> classes = new ArrayList<>();
    for (String file : names) {
      String name = file.replace('/', '.').replace('\\', '.').replaceAll("\\.class$", "");
      if (name.endsWith("package-info") || isInternal(name)) {
        continue;
      }
      try {
        Class<?> c = Class.forName(name, false, anchor.getClassLoader());
        if (exposed(c)) {
          classes.add(c);
        }
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return classes;
  }

  private static boolean exposed(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(Member m) {
    int mod = m.getModifiers();
    return Modifier.isPublic(mod)
        || (Modifier.isProtected(mod) && !Modifier.isFinal(m.getDeclaringClass().getModifiers()));
  }

  private static boolean isInternal(String className) {
    return className.contains(".internal.") || className.endsWith(".internal");
  }

  private static void check(Class<?> owner, String where, Type type, Set<String> found) {
    check(owner, where, type, found, 0);
  }

  private static void check(Class<?> owner, String where, Type type, Set<String> found, int depth) {
    if (type == null || depth > 8) {
      return; // depth: a bound such as T extends Comparable<T> refers to itself
    }
    if (type instanceof Class<?> c) {
      Class<?> base = c;
      while (base.isArray()) {
        base = base.getComponentType();
      }
      if (isInternal(base.getName())) {
        found.add(owner.getName() + " " + where + " " + base.getName());
      }
    } else if (type instanceof ParameterizedType p) {
      check(owner, where, p.getRawType(), found, depth + 1);
      for (Type a : p.getActualTypeArguments()) {
        check(owner, where, a, found, depth + 1);
      }
    } else if (type instanceof GenericArrayType g) {
      check(owner, where, g.getGenericComponentType(), found, depth + 1);
    } else if (type instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        check(owner, where, b, found, depth + 1);
      }
      for (Type b : w.getLowerBounds()) {
        check(owner, where, b, found, depth + 1);
      }
    } else if (type instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) {
        if (b != type) {
          check(owner, where, b, found, depth + 1);
        }
      }
    }
  }
}
