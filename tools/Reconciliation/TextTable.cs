using System.Text;

namespace FunctionsOrders.Reconciliation;

/// <summary>A plain-text table with aligned columns; columns listed in <c>rightAligned</c> are right-aligned.</summary>
internal sealed class TextTable(string[] headers, params int[] rightAligned)
{
    private readonly List<string[]> _rows = [];

    public TextTable Add(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public void WriteTo(StringBuilder output)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        Line(output, headers, widths);
        Line(output, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in _rows)
        {
            Line(output, row, widths);
        }
    }

    private void Line(StringBuilder output, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            var last = i == cells.Length - 1;
            var cell = rightAligned.Contains(i) ? cells[i].PadLeft(widths[i]) : last ? cells[i] : cells[i].PadRight(widths[i]);
            line.Append(cell);
            if (!last)
            {
                line.Append("  ");
            }
        }

        output.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
