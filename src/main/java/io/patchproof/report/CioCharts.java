package io.patchproof.report;

import java.util.List;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.PresetLineDash;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFPresetLineDash;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.AxisTickLabelPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.DisplayBlanks;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xddf.usermodel.text.XDDFRunProperties;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTCatAx;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTPlotArea;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTValAx;

/**
 * The CIO workbook's native charts (DrawingML, no images), drawn with POI's XDDF API over cell
 * ranges: Excel and LibreOffice read the numbers from the cells, so a chart shows what its sheet
 * shows. Percentages are fractions on a 0–100 % axis; blank cells (a figure an old run did not
 * keep) are gaps in a line, never zero.
 */
final class CioCharts {

    /** Reported figures are drawn in amber, effective ones in teal: the same in every chart. */
    static final byte[] REPORTED = rgb(0xE0, 0x8A, 0x1E);
    static final byte[] EFFECTIVE = rgb(0x00, 0x6D, 0x77);
    static final byte[] SERVERS = rgb(0x1F, 0x4E, 0x9A);
    static final byte[] WORKSTATIONS = rgb(0x9A, 0x3B, 0x8C);

    /** Month and year under each point: "Sep 26". */
    static final String AXIS_DATE_FORMAT = "mmm yy";

    /** One line or bar: its legend text, the cells it plots and how it looks. */
    record Series(String title, CellRangeAddress values, byte[] color, boolean dashed) {
    }

    private CioCharts() {
    }

    /** A line chart over dates (one point per kept run) drawn over {@code area} of {@code sheet}. */
    static XSSFChart lineChart(XSSFSheet sheet, CellRangeAddress area, String title, XSSFSheet dataSheet,
                               CellRangeAddress dates, List<Series> series) {
        XSSFChart chart = chart(sheet, area, title);
        XDDFCategoryAxis bottom = chart.createCategoryAxis(AxisPosition.BOTTOM);
        bottom.setNumberFormat(AXIS_DATE_FORMAT);
        bottom.setTickLabelPosition(AxisTickLabelPosition.LOW);
        XDDFValueAxis left = percentAxis(chart);
        XDDFNumericalDataSource<Double> categories = XDDFDataSourcesFactory.fromNumericCellRange(dataSheet, dates);
        categories.setFormatCode(CellWriter.DATE_FORMAT);
        XDDFLineChartData data = (XDDFLineChartData) chart.createData(ChartTypes.LINE, bottom, left);
        data.setVaryColors(false);
        for (Series s : series) {
            XDDFLineChartData.Series line = (XDDFLineChartData.Series) data.addSeries(categories, values(dataSheet, s));
            line.setTitle(s.title(), null);
            line.setSmooth(false);
            line.setMarkerStyle(MarkerStyle.CIRCLE);
            XDDFLineProperties stroke = new XDDFLineProperties(new XDDFSolidFillProperties(XDDFColor.from(s.color())));
            stroke.setWidth(s.dashed() ? 1.75 : 2.5);
            if (s.dashed()) {
                stroke.setPresetDash(new XDDFPresetLineDash(PresetLineDash.DASH));
            }
            XDDFShapeProperties shape = new XDDFShapeProperties();
            shape.setLineProperties(stroke);
            line.setShapeProperties(shape);
        }
        chart.plot(data);
        chart.displayBlanksAs(DisplayBlanks.GAP);
        ownFormats(chart);
        return chart;
    }

    /** A clustered column chart over text categories drawn over {@code area} of {@code sheet}. */
    static XSSFChart barChart(XSSFSheet sheet, CellRangeAddress area, String title, XSSFSheet dataSheet,
                              CellRangeAddress names, List<Series> series) {
        XSSFChart chart = chart(sheet, area, title);
        XDDFCategoryAxis bottom = chart.createCategoryAxis(AxisPosition.BOTTOM);
        bottom.setNumberFormat("@");
        XDDFValueAxis left = percentAxis(chart);
        XDDFDataSource<String> categories = XDDFDataSourcesFactory.fromStringCellRange(dataSheet, names);
        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, bottom, left);
        data.setBarDirection(BarDirection.COL);
        data.setBarGrouping(BarGrouping.CLUSTERED);
        data.setVaryColors(false);
        data.setGapWidth(60);
        for (Series s : series) {
            XDDFChartData.Series bar = data.addSeries(categories, values(dataSheet, s));
            bar.setTitle(s.title(), null);
            XDDFShapeProperties shape = new XDDFShapeProperties();
            shape.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(s.color())));
            bar.setShapeProperties(shape);
        }
        chart.plot(data);
        ownFormats(chart);
        return chart;
    }

    /**
     * The axes show their own formats, not the cells': short month labels fit under a dozen points
     * where full dates would wrap, and whole percentages read better on an axis than the cells' 0.0 %.
     */
    private static void ownFormats(XSSFChart chart) {
        CTPlotArea plot = chart.getCTChart().getPlotArea();
        for (CTCatAx axis : plot.getCatAxArray()) {
            if (axis.isSetNumFmt()) {
                axis.getNumFmt().setSourceLinked(false);
            }
        }
        for (CTValAx axis : plot.getValAxArray()) {
            if (axis.isSetNumFmt()) {
                axis.getNumFmt().setSourceLinked(false);
            }
        }
    }

    private static XSSFChart chart(XSSFSheet sheet, CellRangeAddress area, String title) {
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, area.getFirstColumn(), area.getFirstRow(),
                area.getLastColumn() + 1, area.getLastRow() + 1);
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText(title);
        chart.setTitleOverlay(false);
        XDDFRunProperties text = chart.getTitle().getOrAddTextProperties();
        text.setFontSize(11.0);
        text.setBold(true);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        return chart;
    }

    private static XDDFValueAxis percentAxis(XSSFChart chart) {
        XDDFValueAxis left = chart.createValueAxis(AxisPosition.LEFT);
        left.setMinimum(0);
        left.setMaximum(1);
        left.setMajorUnit(0.25);
        left.setNumberFormat("0%");
        left.setCrosses(AxisCrosses.AUTO_ZERO);
        left.getOrAddMajorGridProperties().setLineProperties(
                new XDDFLineProperties(new XDDFSolidFillProperties(XDDFColor.from(rgb(0xD9, 0xD9, 0xD9)))));
        return left;
    }

    private static XDDFNumericalDataSource<Double> values(XSSFSheet dataSheet, Series s) {
        XDDFNumericalDataSource<Double> values = XDDFDataSourcesFactory.fromNumericCellRange(dataSheet, s.values());
        values.setFormatCode("0.0%");
        return values;
    }

    private static byte[] rgb(int r, int g, int b) {
        return new byte[] {(byte) r, (byte) g, (byte) b};
    }
}
