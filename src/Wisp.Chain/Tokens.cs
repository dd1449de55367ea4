using System.Numerics;
using Nethereum.Util;

namespace Wisp.Chain;

/// <summary>Amounts of the 18-decimal stake token (and ETH), between base units and what a person reads.</summary>
public static class Tokens
{
    /// <summary><paramref name="whole"/> tokens in base units (×10¹⁸).</summary>
    public static BigInteger FromWhole(long whole) => UnitConversion.Convert.ToWei(whole);

    /// <summary>Base units as "1,000 WISP" (decimals shown only when there are any).</summary>
    public static string Format(BigInteger baseUnits, string symbol = "WISP") =>
        $"{UnitConversion.Convert.FromWei(baseUnits).ToString("#,0.##########", System.Globalization.CultureInfo.InvariantCulture)} {symbol}";
}
