using AqNet.Core.Data;
using ScottPlot;

namespace AqNet.Torch.Analysis;

/// <summary>Fig. 5: output day (rows, day +1 at the top) × input day (columns, −D on the left to −1 on the right),
/// coloured by the mean |change| of the output day's prediction when the input day is occluded.</summary>
internal static class Fig5Plot
{
    /// <param name="delta">[H][D] µg/m³, column 0 = the oldest input day (see <see cref="DayOcclusion.Run"/>).</param>
    public static void Write(string path, string title, double[][] delta)
    {
        int h = delta.Length, days = delta[0].Length;
        var cells = new double[h, days];   // [output day, input day], row 0 drawn at the top
        for (var k = 0; k < h; k++)
            for (var d = 0; d < days; d++) cells[k, d] = delta[k][d];
        var max = Math.Max(1e-9, delta.Max(r => r.Max()));
        var decimals = max >= 10 ? 1 : max >= 1 ? 2 : 3;
        var plt = new Plot();
        var hm = plt.Add.Heatmap(cells);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        hm.ManualRange = new ScottPlot.Range(0, max);
        hm.Rectangle = new CoordinateRect(0.5, days + 0.5, 0.5, h + 0.5);   // cell edges; Position would be cell centres
        for (var k = 0; k < h; k++)
            for (var d = 0; d < days; d++)
            {
                var t = plt.Add.Text(Fmt.F(delta[k][d], decimals), d + 1, h - k);
                t.Alignment = Alignment.MiddleCenter;
                t.LabelFontSize = 11;
                t.LabelFontColor = delta[k][d] > 0.6 * max ? Colors.Black : Colors.White;
            }
        var xt = new ScottPlot.TickGenerators.NumericManual();
        for (var d = 0; d < days; d++) xt.AddMajor(d + 1, (d - days).ToString(Fmt.Inv));
        plt.Axes.Bottom.TickGenerator = xt;
        var yt = new ScottPlot.TickGenerators.NumericManual();
        for (var k = 0; k < h; k++) yt.AddMajor(h - k, "+" + (k + 1).ToString(Fmt.Inv));
        plt.Axes.Left.TickGenerator = yt;
        plt.Axes.SetLimits(0.5, days + 0.5, 0.5, h + 0.5);
        plt.Add.ColorBar(hm).Label = "mean |Δ prediction| (µg/m³)";
        plt.Axes.Bottom.Label.Text = "input day (days before the forecast start, local days)";
        plt.Axes.Left.Label.Text = "output day (daily mean PM2.5)";
        plt.Title(title);
        Fig4Plot.Save(plt, path, 1200, Math.Max(380, 150 + 45 * h));
    }
}
