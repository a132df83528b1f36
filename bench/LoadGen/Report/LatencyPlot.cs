using System.Globalization;
using System.Text;
using FunctionsOrders.LoadGen.Load;

namespace FunctionsOrders.LoadGen.Report;

/// <summary>
/// A plain SVG of p50 and p99 latency against offered rate for the intake and the direct baseline, both axes
/// logarithmic; a filled marker is a step that passed, a hollow one the step that failed.
/// </summary>
internal static class LatencyPlot
{
    private const double Width = 800, Height = 440, Left = 70, Right = 200, Top = 40, Bottom = 60;
    private const double PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;

    public static string Render(StepSeries intake, StepSeries direct, double limitMs, string caption)
    {
        var all = intake.Steps.Concat(direct.Steps).ToList();
        var rates = all.Select(s => s.OfferedRatePerS).Where(r => r > 0).DefaultIfEmpty(250).ToList();
        var latencies = all.SelectMany(s => new[] { s.P50Ms, s.P99Ms }).Append(limitMs).Where(v => v > 0).ToList();
        var xMin = Math.Log10(rates.Min() / 1.25);
        var xMax = Math.Log10(rates.Max() * 1.25);
        var yMin = Math.Floor(Math.Log10(latencies.Min()));
        var yMax = Math.Ceiling(Math.Log10(latencies.Max()));
        if (yMax <= yMin)
        {
            yMax = yMin + 1;
        }

        double X(double rate) => Left + ((Math.Log10(rate) - xMin) / (xMax - xMin) * PlotWidth);
        double Y(double ms) => Top + PlotHeight - ((Math.Log10(Math.Max(ms, Math.Pow(10, yMin))) - yMin) / (yMax - yMin) * PlotHeight);

        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Append(svg, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>");
        Append(svg, $"<text x=\"{Left}\" y=\"22\" font-size=\"14\" font-weight=\"bold\">Latency from scheduled send vs offered rate (open loop)</text>");
        for (var decade = yMin; decade <= yMax; decade++)
        {
            var y = Y(Math.Pow(10, decade));
            Append(svg, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Left + PlotWidth}\" y2=\"{y:0.#}\" stroke=\"#ddd\"/>");
            Append(svg, $"<text x=\"{Left - 8}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Math.Pow(10, decade):0.###} ms</text>");
        }

        foreach (var rate in rates.Distinct().Order())
        {
            Append(svg, $"<line x1=\"{X(rate):0.#}\" y1=\"{Top}\" x2=\"{X(rate):0.#}\" y2=\"{Top + PlotHeight}\" stroke=\"#eee\"/>");
            Append(svg, $"<text x=\"{X(rate):0.#}\" y=\"{Top + PlotHeight + 18}\" text-anchor=\"middle\">{rate:0}</text>");
        }

        Append(svg, $"<text x=\"{Left + (PlotWidth / 2)}\" y=\"{Height - 22}\" text-anchor=\"middle\">offered rate (requests/s)</text>");
        Append(svg, $"<text x=\"{Left}\" y=\"{Height - 6}\" fill=\"#555\" font-size=\"11\">{Escape(caption)}</text>");
        Append(svg, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{PlotWidth}\" height=\"{PlotHeight}\" fill=\"none\" stroke=\"#888\"/>");
        Append(svg, $"<line x1=\"{Left}\" y1=\"{Y(limitMs):0.#}\" x2=\"{Left + PlotWidth}\" y2=\"{Y(limitMs):0.#}\" stroke=\"#999\" stroke-dasharray=\"2 3\"/>");
        Append(svg, $"<text x=\"{Left + 6}\" y=\"{Y(limitMs) - 4:0.#}\" fill=\"#666\">p99 limit {limitMs:0.#} ms</text>");

        var legendY = Top + 10.0;
        foreach (var (series, name, color) in new[] { (intake, "intake", "#1f5fbf"), (direct, "direct", "#c0392b") })
        {
            foreach (var (label, dash, pick) in new (string, string, Func<RunResult, double>)[] { ("p50", "", s => s.P50Ms), ("p99", "6 4", s => s.P99Ms) })
            {
                Line(svg, series.Steps, X, Y, pick, color, dash);
                Append(svg, $"<line x1=\"{Left + PlotWidth + 14}\" y1=\"{legendY}\" x2=\"{Left + PlotWidth + 40}\" y2=\"{legendY}\" stroke=\"{color}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/>");
                Append(svg, $"<text x=\"{Left + PlotWidth + 46}\" y=\"{legendY + 4}\">{Escape(name)} {label}</text>");
                legendY += 18;
            }
        }

        foreach (var note in new[] { "intake: local Functions host", "direct: bare Kestrel, same", "intake classes", "hollow marker: failed step" })
        {
            legendY += 16;
            Append(svg, $"<text x=\"{Left + PlotWidth + 14}\" y=\"{legendY}\" fill=\"#555\" font-size=\"11\">{note}</text>");
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Line(StringBuilder svg, IReadOnlyList<RunResult> steps, Func<double, double> x, Func<double, double> y, Func<RunResult, double> pick, string color, string dash)
    {
        var points = steps.Where(s => pick(s) > 0).ToList();
        if (points.Count > 1)
        {
            var path = string.Join(' ', points.Select(s => string.Create(CultureInfo.InvariantCulture, $"{x(s.OfferedRatePerS):0.#},{y(pick(s)):0.#}")));
            Append(svg, $"<polyline points=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/>");
        }

        foreach (var step in points)
        {
            var fill = step.Passed == false ? "white" : color;
            Append(svg, $"<circle cx=\"{x(step.OfferedRatePerS):0.#}\" cy=\"{y(pick(step)):0.#}\" r=\"3.5\" fill=\"{fill}\" stroke=\"{color}\" stroke-width=\"1.5\"/>");
        }
    }

    private static void Append(StringBuilder svg, FormattableString line) => svg.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
