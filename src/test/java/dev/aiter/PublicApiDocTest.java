package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every public type and member of the packages the module exports has javadoc, as the javadoc
 * build's doclint would demand if its "missing" group were on (it is off, since that group also
 * asks for an {@code @param} and {@code @return} tag on every method; see the pom). A member that
 * overrides another may leave it out: javadoc copies the overridden one's.
 */
class PublicApiDocTest {

  private static final Path SOURCES = Path.of("src/main/java");

  @Test
  void everyPublicTypeAndMemberOfTheExportedPackagesHasJavadoc() throws IOException {
    List<String> exported = exportedPackages();
    assertTrue(exported.contains("dev.aiter"), "module-info exports dev.aiter: " + exported);
    List<Path> files = new ArrayList<>();
    for (String pkg : exported) {
      try (Stream<Path> list = Files.list(SOURCES.resolve(pkg.replace('.', '/')))) {
        list.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
      }
      assertTrue(files.stream().anyMatch(p -> p.endsWith(pkg.replace('.', '/') + "/package-info.java")),
          pkg + " has a package-info.java with its package javadoc");
    }

    List<String> undocumented = new ArrayList<>();
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      JavacTask task = (JavacTask) compiler.getTask(null, fileManager, null, List.of("-proc:none"), null,
          fileManager.getJavaFileObjectsFromPaths(files));
      DocTrees docs = DocTrees.instance(task);
      for (CompilationUnitTree unit : task.parse()) {
        String file = SOURCES.toAbsolutePath().relativize(Path.of(unit.getSourceFile().toUri())).toString();
        if (file.endsWith("package-info.java")) {
          TreePath pkg = unit.getPackage() == null ? null : new TreePath(new TreePath(unit), unit.getPackage());
          if (pkg == null || docs.getDocComment(pkg) == null) {
            undocumented.add(file + ": the package");
          }
          continue;
        }
        new TreePathScanner<Void, Void>() {
          @Override
          public Void visitClass(ClassTree node, Void unused) {
            if (isApi(node.getModifiers()) && docs.getDocComment(getCurrentPath()) == null) {
              undocumented.add(file + ": " + node.getSimpleName());
            }
            return isApi(node.getModifiers()) ? super.visitClass(node, unused) : null;
          }

          @Override
          public Void visitMethod(MethodTree node, Void unused) {
            boolean overrides = node.getModifiers().getAnnotations().stream()
                .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
            if (isApi(node.getModifiers()) && !overrides && docs.getDocComment(getCurrentPath()) == null) {
              undocumented.add(file + ": " + node.getName() + "(" + node.getParameters().size() + " args)");
            }
            return null; // nothing inside a method body is API
          }

          @Override
          public Void visitVariable(VariableTree node, Void unused) {
            if (isApi(node.getModifiers()) && docs.getDocComment(getCurrentPath()) == null) {
              undocumented.add(file + ": " + node.getName());
            }
            return null;
          }

          /** Public, or a member of an interface that is not private (so implicitly public). */
          private boolean isApi(ModifiersTree modifiers) {
            if (modifiers.getFlags().contains(Modifier.PUBLIC) || modifiers.getFlags().contains(Modifier.PROTECTED)) {
              return true;
            }
            Tree parent = getCurrentPath().getParentPath().getLeaf();
            return parent instanceof ClassTree owner
                && (owner.getKind() == Tree.Kind.INTERFACE || owner.getKind() == Tree.Kind.ANNOTATION_TYPE)
                && !modifiers.getFlags().contains(Modifier.PRIVATE);
          }
        }.scan(unit, null);
      }
    }
    assertFalse(files.isEmpty());
    assertEquals(List.of(), undocumented, "public types and members without javadoc");
  }

  /** The packages that {@code module-info.java} exports. */
  private static List<String> exportedPackages() throws IOException {
    String moduleInfo = Files.readString(SOURCES.resolve("module-info.java"));
    List<String> packages = new ArrayList<>();
    Matcher exports = Pattern.compile("\\bexports\\s+([\\w.]+)\\s*;").matcher(moduleInfo);
    while (exports.find()) {
      packages.add(exports.group(1));
    }
    return packages;
  }
}
