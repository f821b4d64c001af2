package dev.gradfit.plots;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** An SVG document parsed as XML, with what the plot tests look for: texts, groups by id, shapes in a group. */
public final class Svg {

    private final Document document;

    private Svg(Document document) {
        this.document = document;
    }

    /** Parses {@code svg} strictly: well-formed XML, no DOCTYPE (nothing to fetch), an {@code svg} root. */
    public static Svg parse(String svg) {
        return parse(svg.getBytes(StandardCharsets.UTF_8));
    }

    public static Svg parse(byte[] svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
            Element root = document.getDocumentElement();
            if (!"svg".equals(root.getLocalName()) || !"http://www.w3.org/2000/svg".equals(root.getNamespaceURI())) {
                throw new AssertionError("the root is " + root.getTagName() + ", not an SVG svg element");
            }
            return new Svg(document);
        } catch (Exception e) {
            throw new AssertionError("not a well-formed SVG document: " + e.getMessage(), e);
        }
    }

    /** The root's width and height attributes. */
    public String size() {
        Element root = document.getDocumentElement();
        return root.getAttribute("width") + "x" + root.getAttribute("height");
    }

    /** The content of every {@code text} element, in document order. */
    public List<String> texts() {
        NodeList nodes = document.getElementsByTagNameNS("*", "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    /** Whether an element has the id {@code gradfit-<name>}. */
    public boolean has(String name) {
        return element(name) != null;
    }

    /** The number of {@code tag} elements inside the element with id {@code gradfit-<name>}. */
    public int count(String name, String tag) {
        Element element = element(name);
        if (element == null) {
            throw new AssertionError("no element with id gradfit-" + name);
        }
        return element.getElementsByTagNameNS("*", tag).getLength() + (tag.equals(element.getLocalName()) ? 1 : 0);
    }

    /** The ids of the lines ({@code gradfit-line-<name>}), in document order, without the prefix. */
    public List<String> lines() {
        NodeList nodes = document.getElementsByTagNameNS("*", "*");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            String id = ((Element) nodes.item(i)).getAttribute("id");
            if (id.startsWith("gradfit-line-")) {
                lines.add(id.substring("gradfit-line-".length()));
            }
        }
        return lines;
    }

    /**
     * The vertices of the line {@code gradfit-line-<name>} in drawing coordinates, in order: the numbers of its
     * path's {@code d} (the element's, or the first path's inside it), two by two (M and L only, as a series drawn
     * as a path has).
     */
    public List<double[]> vertices(String name) {
        Element line = element("line-" + name);
        if (line == null) {
            throw new AssertionError("no element with id gradfit-line-" + name);
        }
        Element path = "path".equals(line.getLocalName())
                ? line
                : (Element) line.getElementsByTagNameNS("*", "path").item(0);
        return pairs(path.getAttribute("d"));
    }

    /**
     * The centre of every shape in the group {@code gradfit-<name>}, in document order: the middle of the
     * bounding box of its path's coordinates (a dot's Bézier control points reach exactly to its circle's extremes).
     */
    public List<double[]> centres(String name) {
        Element group = element(name);
        if (group == null) {
            throw new AssertionError("no element with id gradfit-" + name);
        }
        NodeList paths = group.getElementsByTagNameNS("*", "path");
        List<double[]> centres = new ArrayList<>();
        for (int i = 0; i < paths.getLength(); i++) {
            double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
            for (double[] point : pairs(((Element) paths.item(i)).getAttribute("d"))) {
                minX = Math.min(minX, point[0]);
                maxX = Math.max(maxX, point[0]);
                minY = Math.min(minY, point[1]);
                maxY = Math.max(maxY, point[1]);
            }
            centres.add(new double[] {(minX + maxX) / 2, (minY + maxY) / 2});
        }
        return centres;
    }

    private static List<double[]> pairs(String d) {
        Matcher numbers = NUMBER.matcher(d);
        List<Double> values = new ArrayList<>();
        while (numbers.find()) {
            values.add(Double.parseDouble(numbers.group()));
        }
        List<double[]> pairs = new ArrayList<>();
        for (int k = 0; k + 1 < values.size(); k += 2) {
            pairs.add(new double[] {values.get(k), values.get(k + 1)});
        }
        return pairs;
    }

    /** The texts of the legend (the group {@code gradfit-legend}), one per entry, in document order. */
    public List<String> legend() {
        Element legend = element("legend");
        if (legend == null) {
            throw new AssertionError("no element with id gradfit-legend");
        }
        NodeList nodes = legend.getElementsByTagNameNS("*", "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    /**
     * The width and height of the area the lines are drawn in: the bounding box of the clip path of the first
     * shape in the group {@code gradfit-lines}, which JFreeChart clips to the plot's data area.
     */
    public double[] dataArea() {
        Element lines = element("lines");
        if (lines == null) {
            throw new AssertionError("no element with id gradfit-lines");
        }
        NodeList nodes = lines.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < nodes.getLength(); i++) {
            Matcher reference = CLIP_REFERENCE.matcher(((Element) nodes.item(i)).getAttribute("clip-path"));
            if (reference.matches()) {
                return boundingBox(byId(reference.group(1)));
            }
        }
        throw new AssertionError("nothing in gradfit-lines is clipped to a data area");
    }

    private static final Pattern CLIP_REFERENCE = Pattern.compile("url\\(#([^)]+)\\)");

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /** The width and height spanned by the coordinates of the {@code path} in a clip path (M, L and Z only). */
    private static double[] boundingBox(Element clipPath) {
        String d = ((Element) clipPath.getElementsByTagNameNS("*", "path").item(0)).getAttribute("d");
        Matcher numbers = NUMBER.matcher(d);
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int k = 0; numbers.find(); k++) {
            double value = Double.parseDouble(numbers.group());
            if (k % 2 == 0) {
                minX = Math.min(minX, value);
                maxX = Math.max(maxX, value);
            } else {
                minY = Math.min(minY, value);
                maxY = Math.max(maxY, value);
            }
        }
        return new double[] {maxX - minX, maxY - minY};
    }

    private Element byId(String id) {
        NodeList nodes = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (id.equals(element.getAttribute("id"))) {
                return element;
            }
        }
        throw new AssertionError("no element with id " + id);
    }

    private Element element(String name) {
        NodeList nodes = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (("gradfit-" + name).equals(element.getAttribute("id"))) {
                return element;
            }
        }
        return null;
    }
}
