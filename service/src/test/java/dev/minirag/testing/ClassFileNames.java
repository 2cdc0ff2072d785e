package dev.minirag.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes one class file names, read from its constant pool: every class it mentions (class
 * constants and the types in its descriptors and signatures), the classes whose methods or fields
 * it uses (the ones that must be loadable and linked when that code runs), and its string constants
 * written as internal names ({@code a.b.C} as {@code a/b/C}), which is how code that loads a class
 * by name usually spells it.
 */
public record ClassFileNames(Set<String> mentioned, Set<String> memberOwners, Set<String> strings) {
  private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\w/$]+)[;<]");

  public static ClassFileNames read(InputStream classFile) throws IOException {
    DataInputStream in = new DataInputStream(classFile);
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    Map<Integer, String> utf8 = new HashMap<>();
    Map<Integer, Integer> classNameIndex = new HashMap<>();
    Set<Integer> ownerIndexes = new HashSet<>();
    Set<Integer> stringIndexes = new HashSet<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8.put(i, in.readUTF());
        case 7 -> classNameIndex.put(i, in.readUnsignedShort());
        case 9, 10, 11 -> { // field, method and interface-method references: owner, name-and-type
          ownerIndexes.add(in.readUnsignedShort());
          in.readUnsignedShort();
        }
        case 8 -> stringIndexes.add(in.readUnsignedShort());
        case 16, 19, 20 -> in.readUnsignedShort();
        case 15 -> in.skipNBytes(3);
        case 3, 4, 12, 17, 18 -> in.readInt();
        case 5, 6 -> { // long and double take two slots
          in.readLong();
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    Set<String> mentioned = new HashSet<>();
    for (int nameIndex : classNameIndex.values()) {
      String name = utf8.get(nameIndex);
      // Array classes name their element type the descriptor way.
      if (name.startsWith("[")) {
        addTypes(name, mentioned);
      } else {
        mentioned.add(name);
      }
    }
    for (String text : utf8.values()) {
      if (text.startsWith("(") || text.startsWith("L") || text.startsWith("[")) {
        addTypes(text, mentioned);
      }
    }
    Set<String> owners = new HashSet<>();
    for (int index : ownerIndexes) {
      owners.add(utf8.get(classNameIndex.get(index)));
    }
    Set<String> strings = new HashSet<>();
    for (int index : stringIndexes) {
      strings.add(utf8.get(index).replace('.', '/'));
    }
    return new ClassFileNames(mentioned, owners, strings);
  }

  private static void addTypes(String descriptor, Set<String> into) {
    Matcher m = TYPE_IN_DESCRIPTOR.matcher(descriptor);
    while (m.find()) {
      into.add(m.group(1));
    }
  }
}
