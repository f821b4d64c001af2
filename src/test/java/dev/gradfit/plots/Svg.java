package dev.gradfit.plots;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
