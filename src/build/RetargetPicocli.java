import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Build step (run by Maven at process-classes, see pom.xml): copies picocli's classes into the
 * build output as Java 8 class files with stack map frames, computed by ASM.
 *
 * <p>Why: picocli ships Java 5 class files (version 49). The JVM checks those with its old
 * type-inferring verifier on every run (some 30 ms of a 300 ms `fleet lint`), and neither a
 * class-data archive's dump nor Java 25's AOT cache can verify them ahead of time; the AOT cache
 * leaves them out altogether. As Java 8 class files with frames they are verified once, when the
 * start-up cache is made. The bytecode itself is unchanged: only the version and the frames.
 *
 * <p>Usage: java -cp asm.jar RetargetPicocli.java PICOCLI_JAR OUTPUT_DIR [PICOCLI_VERSION]
 */
public final class RetargetPicocli {
    private static final int TARGET = Opcodes.V1_8;

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String version = args.length > 2 ? " " + args[2] : "";
        int count = 0;
        try (ZipFile zip = new ZipFile(jar.toFile());
             URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.endsWith(".class") || name.startsWith("META-INF/")) {
                    continue;
                }
                byte[] original;
                try (InputStream in = zip.getInputStream(entry)) {
                    original = in.readAllBytes();
                }
                Path target = out.resolve(name);
                Files.createDirectories(target.getParent());
                Files.write(target, retarget(original, loader));
                count++;
            }
        }
        Files.createDirectories(out.resolve("META-INF"));
        Files.writeString(out.resolve("META-INF/picocli-RETARGETED.txt"), "The classes under picocli/ are picocli" + version
                + " (Apache License 2.0), changed by openclaw-fleet's build: their class file version was raised from\n"
                + "Java 5 to Java 8 and stack map frames were added (src/build/RetargetPicocli.java). The bytecode is otherwise unchanged.\n");
        System.out.println("RetargetPicocli: " + count + " classes of picocli" + version + " written as Java 8 class files to " + out);
    }

    static byte[] retarget(byte[] original, ClassLoader loader) {
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return loader; // frames need common superclasses of picocli's own types
            }
        };
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Math.max(version, TARGET), access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
