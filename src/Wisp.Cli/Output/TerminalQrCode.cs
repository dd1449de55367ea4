using System.Collections;
using System.Text;
using QRCoder;

namespace Wisp.Cli.Output;

/// <summary>
/// A QR code drawn with Unicode half blocks, two module rows per line of text, with its 4-module quiet zone. Light
/// modules are drawn and dark ones left blank, so on a terminal with light text on a dark background it reads as
/// dark on light, which is what scanners expect.
/// </summary>
internal static class TerminalQrCode
{
    /// <summary>The QR code (error correction level M, byte mode) of <paramref name="text"/>, as lines of text.</summary>
    public static string Render(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return Render(data.ModuleMatrix);
    }

    /// <summary>Draws a module matrix (true = dark) that already includes its quiet zone.</summary>
    internal static string Render(IReadOnlyList<BitArray> modules)
    {
        var text = new StringBuilder();
        for (var y = 0; y < modules.Count; y += 2)
        {
            var top = modules[y];
            var bottom = y + 1 < modules.Count ? modules[y + 1] : null; // past the end is more quiet zone: light
            for (var x = 0; x < top.Length; x++)
            {
                var topLight = !top[x];
                var bottomLight = bottom is null || !bottom[x];
                text.Append((topLight, bottomLight) switch
                {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                });
            }
            text.Append('\n');
        }
        return text.ToString();
    }
}
