package io.privastream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.simulator.SvgChart.Bar;
import io.privastream.simulator.SvgChart.Series;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class SvgChartTest {
    private static final double NAN = Double.NaN;

    @Test
    void lines_twoSeries_parseWithOnePolylinePerSeriesAndOneLegendEntryEach() throws Exception {
        Document doc = parse(SvgChart.lines("t", "x", "y", List.of(
                new Series("a", new double[] {0, 1, 2}, new double[] {1, 2, 3}),
                new Series("b", new double[] {0, 1, 2}, new double[] {3, 2, 1}))));

        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getAttribute("width")).isEqualTo("720");
        assertThat(doc.getDocumentElement().getAttribute("height")).isEqualTo("400");
        assertThat(elements(doc, "polyline", "series")).hasSize(2);
        assertThat(texts(doc, "legend")).containsExactly("a", "b");
        assertThat(elements(doc, "polyline", "series")).extracting(p -> p.getAttribute("stroke")).doesNotHaveDuplicates();
    }

    @Test
    void lines_nanPoint_splitsLineIntoTwoPolylines() throws Exception {
        Document doc = parse(SvgChart.lines("t", "x", "y", List.of(
                new Series("a", new double[] {0, 1, 2, 3, 4}, new double[] {1, 2, NAN, 3, 4}))));

        List<Element> lines = elements(doc, "polyline", "series");
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(p -> assertThat(p.getAttribute("points").split(" ")).hasSize(2));
        assertThat(texts(doc, "legend")).containsExactly("a");
    }

    @Test
    void lines_nameWithMarkup_roundTripsThroughTheParser() throws Exception {
        String name = "a<b & \"c\" 'd'";
        String svg = SvgChart.lines("title <&>", "x & y", "'y'", List.of(new Series(name, new double[] {1}, new double[] {1})));

        Document doc = parse(svg);
        assertThat(texts(doc, "legend")).containsExactly(name);
        assertThat(texts(doc, "title")).containsExactly("title <&>");
        assertThat(texts(doc, "axis-label")).containsExactlyInAnyOrder("x & y", "'y'");
        assertThat(svg).contains("a&lt;b &amp; &quot;c&quot; &apos;d&apos;");
    }

    @Test
    void lines_controlCharacterInName_stillParses() throws Exception {
        Document doc = parse(SvgChart.lines("bell\u0007", "x", "y", List.of(new Series("nul\u0000", new double[] {1}, new double[] {1}))));

        assertThat(texts(doc, "legend")).containsExactly("nul\uFFFD");
    }

    @Test
    void lines_emptySeriesList_parsesWithAxesButNoLines() throws Exception {
        Document doc = parse(SvgChart.lines("empty", "x", "y", List.of()));

        assertThat(elements(doc, "polyline", "series")).isEmpty();
        assertThat(elements(doc, "path", "axis")).hasSize(1);
        assertThat(texts(doc, "legend")).isEmpty();
    }

    @Test
    void lines_allEqualValuesOrOnlyNaN_haveNoNonFiniteCoordinates() throws Exception {
        for (double[] ys : List.of(new double[] {5, 5, 5}, new double[] {0, 0, 0}, new double[] {NAN, NAN, NAN})) {
            String svg = SvgChart.lines("flat", "x", "y", List.of(new Series("s", new double[] {2, 2, 2}, ys)));

            parse(svg);
            assertThat(svg).doesNotContain("NaN").doesNotContain("Infinity");
        }
    }

    @Test
    void lines_ysUpTo2870_yTickLabelsAreNiceNumbersFromZero() throws Exception {
        Document doc = parse(SvgChart.lines("t", "x", "y", List.of(
                new Series("a", new double[] {0, 3, 7, 10}, new double[] {120, 2870, 900, 40}))));

        assertThat(texts(doc, "y-tick")).containsExactly("0", "1000", "2000", "3000");
        assertThat(texts(doc, "x-tick")).containsExactly("0", "2", "4", "6", "8", "10");
    }

    @Test
    void lines_negativeData_yAxisGoesBelowZero() throws Exception {
        Document doc = parse(SvgChart.lines("t", "x", "y", List.of(new Series("a", new double[] {0, 1}, new double[] {-3, 7}))));

        assertThat(texts(doc, "y-tick")).containsExactly("-4", "-2", "0", "2", "4", "6", "8");
    }

    @Test
    void lines_fractionalTicksUnderGermanDefaultLocale_useDecimalPoint() throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            Document doc = parse(SvgChart.lines("t", "x", "y", List.of(new Series("a", new double[] {0, 0.5}, new double[] {0, 0.9}))));

            assertThat(texts(doc, "y-tick")).containsExactly("0.0", "0.2", "0.4", "0.6", "0.8", "1.0");
            assertThat(texts(doc, "x-tick")).containsExactly("0.0", "0.1", "0.2", "0.3", "0.4", "0.5");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void lines_moreSeriesThanColours_cycleThroughThePalette() throws Exception {
        List<Series> nine = IntStream.range(0, 9).mapToObj(i -> new Series("s" + i, new double[] {0, 1}, new double[] {i, i})).toList();

        List<String> strokes = elements(parse(SvgChart.lines("t", "x", "y", nine)), "polyline", "series").stream()
                .map(p -> p.getAttribute("stroke")).toList();
        assertThat(strokes.subList(0, 8)).doesNotHaveDuplicates();
        assertThat(strokes.get(8)).isEqualTo(strokes.get(0));
    }

    @Test
    void bars_threeCategoriesTwoBars_drawSixBarsAndTwoLegendEntries() throws Exception {
        Document doc = parse(SvgChart.bars("t", List.of("p", "q", "r"), "y",
                List.of(new Bar("one", new double[] {1, 2, 3}), new Bar("two", new double[] {4, 5, 6}))));

        assertThat(elements(doc, "rect", "bar")).hasSize(6);
        assertThat(texts(doc, "category")).containsExactly("p", "q", "r");
        assertThat(texts(doc, "legend")).containsExactly("one", "two");
        assertThat(texts(doc, "y-tick")).first().isEqualTo("0");
    }

    @Test
    void bars_heightsAreProportionalToValues() throws Exception {
        List<Element> rects = elements(parse(SvgChart.bars("t", List.of("p", "q"), "y", List.of(new Bar("b", new double[] {1, 2})))), "rect", "bar");

        double h1 = Double.parseDouble(rects.get(0).getAttribute("height"));
        double h2 = Double.parseDouble(rects.get(1).getAttribute("height"));
        assertThat(h1).isPositive();
        assertThat(h2).isCloseTo(2 * h1, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void bars_nanValue_drawsNoBar() throws Exception {
        Document doc = parse(SvgChart.bars("t", List.of("p", "q", "r"), "y",
                List.of(new Bar("one", new double[] {1, NAN, 3}), new Bar("two", new double[] {4, 5, 6}))));

        assertThat(elements(doc, "rect", "bar")).hasSize(5);
    }

    @Test
    void bars_moreThanEightCategories_rotateLabels() throws Exception {
        assertThat(categoryTransforms(9)).hasSize(9).allSatisfy(t -> assertThat(t).startsWith("rotate(-30"));
        assertThat(categoryTransforms(8)).hasSize(8).allSatisfy(t -> assertThat(t).isEmpty());
    }

    @Test
    void bars_emptyInput_stillParses() throws Exception {
        assertThat(elements(parse(SvgChart.bars("t", List.of(), "y", List.of())), "rect", "bar")).isEmpty();
        Document noBars = parse(SvgChart.bars("t", List.of("p", "q"), "y", List.of()));
        assertThat(elements(noBars, "rect", "bar")).isEmpty();
        assertThat(texts(noBars, "category")).containsExactly("p", "q");
    }

    @Test
    void bars_valueCountDiffersFromCategoryCount_throwsNamingTheBar() {
        assertThatThrownBy(() -> SvgChart.bars("t", List.of("p", "q"), "y", List.of(new Bar("odd", new double[] {1}))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("odd");
    }

    @Test
    void series_lengthMismatch_throwsAndArraysAreCopied() {
        assertThatThrownBy(() -> new Series("s", new double[] {1, 2}, new double[] {1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'s'");
        double[] ys = {1, 2};
        Series s = new Series("s", new double[] {0, 1}, ys);
        ys[0] = 99;
        s.ys()[1] = 99;
        assertThat(s.ys()).containsExactly(1, 2);
        assertThat(s).isEqualTo(new Series("s", new double[] {0, 1}, new double[] {1, 2}));
    }

    private static List<String> categoryTransforms(int count) throws Exception {
        List<String> cats = IntStream.range(0, count).mapToObj(i -> "category " + i).toList();
        Document doc = parse(SvgChart.bars("t", cats, "y", List.of(new Bar("b", new double[count]))));
        return elements(doc, "text", "category").stream().map(e -> e.getAttribute("transform")).toList();
    }

    private static Document parse(String svg) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static List<Element> elements(Document doc, String tag, String cls) {
        NodeList nodes = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (e.getAttribute("class").equals(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<String> texts(Document doc, String cls) {
        return elements(doc, "text", cls).stream().map(Element::getTextContent).toList();
    }
}
