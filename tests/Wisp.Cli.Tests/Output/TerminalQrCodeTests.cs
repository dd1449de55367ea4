using System.Collections;
using QRCoder;
using Wisp.Cli.Output;

namespace Wisp.Cli.Tests.Output;

public class TerminalQrCodeTests
{
    private const string AccountId = "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";

    [Fact]
    public void The_drawing_holds_exactly_the_modules_of_the_code()
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AccountId, QRCodeGenerator.ECCLevel.M);

        var drawn = ReadBack(TerminalQrCode.Render(AccountId));

        Assert.Equal(data.ModuleMatrix.Count, drawn.Count);
        for (var y = 0; y < drawn.Count; y++)
            Assert.Equal(Bits(data.ModuleMatrix[y]), drawn[y]);
    }

    [Fact]
    public void There_is_a_quiet_zone_of_four_light_modules_all_round()
    {
        var drawn = ReadBack(TerminalQrCode.Render(AccountId));
        var size = drawn.Count;

        // Version 4 or more (an Account ID is 66 bytes), plus 4 modules of quiet zone on each side.
        Assert.True(size >= 33 + 8);
        Assert.Equal(0, (size - 8 - 17) % 4); // 4 × version + 17 modules, plus the quiet zone
        for (var i = 0; i < size; i++)
        {
            for (var q = 0; q < 4; q++)
            {
                Assert.False(drawn[q][i]);
                Assert.False(drawn[size - 1 - q][i]);
                Assert.False(drawn[i][q]);
                Assert.False(drawn[i][size - 1 - q]);
            }
        }
        Assert.True(drawn[4][4]); // the finder pattern's dark corner starts right inside the quiet zone
    }

    [Fact]
    public void Two_module_rows_make_one_line_of_half_blocks()
    {
        var matrix = new List<BitArray> { new([false, true, false, true]), new([false, false, true, true]), new([true, false, false, false]) };

        var text = TerminalQrCode.Render(matrix);

        // Light is drawn: light over light █, dark over light ▄, light over dark ▀, dark over dark ' '. The third row
        // pairs with a light padding row.
        Assert.Equal("█▄▀ \n▄███\n", text);
    }

    /// <summary>Turns drawn half blocks back into module rows (true = dark).</summary>
    private static List<bool[]> ReadBack(string text)
    {
        var rows = new List<bool[]>();
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            var top = line.Select(c => c is ' ' or '▄').ToArray();
            var bottom = line.Select(c => c is ' ' or '▀').ToArray();
            rows.Add(top);
            rows.Add(bottom);
        }
        // An odd module count pads the last line with a light row, which is not part of the code.
        if (rows[^1].All(dark => !dark) && rows.Count % 2 == 0 && rows.Count - 1 == rows[0].Length)
            rows.RemoveAt(rows.Count - 1);
        return rows;
    }

    private static bool[] Bits(BitArray row) => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray();
}
