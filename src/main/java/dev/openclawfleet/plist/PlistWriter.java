package dev.openclawfleet.plist;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes XML property lists with dd-plist, byte-stable: keys in the map's order, tab indentation,
 * LF line endings and a final newline, as Apple's own tools write them.
 */
public final class PlistWriter {
    private PlistWriter() {
    }

    public static byte[] toXml(Map<String, Object> root) {
        String xml = toNs(root).toXMLPropertyList().replace("\r\n", "\n");
        return (xml.endsWith("\n") ? xml : xml + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static NSObject toNs(Object value) {
        if (value instanceof Map<?, ?> map) {
            NSDictionary dict = new NSDictionary();
            map.forEach((k, v) -> dict.put((String) k, toNs(v)));
            return dict;
        }
        if (value instanceof List<?> list) {
            NSArray array = new NSArray(list.size());
            for (int i = 0; i < list.size(); i++) {
                array.setValue(i, toNs(list.get(i)));
            }
            return array;
        }
        if (value instanceof String s) {
            return new NSString(s);
        }
        if (value instanceof Boolean b) {
            return new NSNumber(b);
        }
        if (value instanceof Long l) {
            return new NSNumber(l);
        }
        if (value instanceof Integer i) {
            return new NSNumber(i);
        }
        // What a user's own keys may hold, kept when fleet rewrites a plist (PlistParser reads these types).
        if (value instanceof Double d) {
            return new NSNumber(d);
        }
        if (value instanceof byte[] bytes) {
            return new com.dd.plist.NSData(bytes);
        }
        if (value instanceof java.util.Date date) {
            return new com.dd.plist.NSDate(date);
        }
        throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName() + " into a plist");
    }
}
