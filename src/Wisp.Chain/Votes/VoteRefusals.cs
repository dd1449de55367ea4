using System.Text;
using Nethereum.Util;

namespace Wisp.Chain.Votes;

/// <summary>The registry's vote refusals by name, from the 4-byte selector at the start of a revert's data.</summary>
internal static class VoteRefusals
{
    private static readonly string[] Signatures =
    [
        "UnknownAction(uint8)", "StaleRound(uint64,uint64)", "VoteAlreadyUsed(bytes32)", "NoQuorum()",
        "InvalidSignature(uint256)", "SignerNotInQuorum(address)", "DuplicateSigner(address)",
        "NotEnoughSignatures(uint256,uint256)", "NodeNotFound(bytes32)", "WrongStatus(bytes32,uint8)",
    ];

    private static readonly Dictionary<string, string> BySelector = Signatures.ToDictionary(
        s => "0x" + Convert.ToHexStringLower(Sha3Keccack.Current.CalculateHash(Encoding.ASCII.GetBytes(s)).AsSpan(0, 4)),
        s => s[..s.IndexOf('(', StringComparison.Ordinal)],
        StringComparer.Ordinal);

    /// <summary>The error's name, or the data itself when it is not one of the registry's vote errors.</summary>
    public static string Name(string? data)
    {
        if (string.IsNullOrEmpty(data))
            return "";
        var text = data.Trim('"');
        return text.Length >= 10 && BySelector.TryGetValue(text[..10].ToLowerInvariant(), out var name) ? name : text;
    }
}
