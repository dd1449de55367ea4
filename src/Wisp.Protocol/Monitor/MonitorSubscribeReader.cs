using Wisp.Protocol.Bencode;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Monitor;

/// <summary>
/// Reads one <c>monitor.messages</c> dict in Session's order of checks, with Session's codes and texts. Where Session
/// answers with the text of a decoding exception (a missing key, a wrong type), Wisp says which key.
/// </summary>
internal static class MonitorSubscribeReader
{
    public static MonitorParsed Read(BencodeValue? value)
    {
        if (value is not BencodeDictionary d)
            return Fail(MonitorResponseCode.BadArgs, "Invalid arguments: Failed to parse monitor.messages data value");

        byte[]? sessionEd25519 = null;
        if (d.TryGetValue("P", out var pValue))
        {
            if (pValue is not BencodeString p) return WrongType("P");
            if (p.Bytes.Length != 32)
                return Fail(MonitorResponseCode.BadPubkey, "Provided P= Session Ed25519 pubkey must be 32 bytes");
            sessionEd25519 = p.Bytes.ToArray();
        }

        SignedSubaccount? subaccount = null;
        if (d.TryGetValue("S", out var sValue))
        {
            if (sValue is not BencodeString sig) return WrongType("S");
            if (sig.Bytes.Length != 64)
                return Fail(MonitorResponseCode.BadPubkey, "Provided S subaccount signature must be 64 bytes");
            if (!d.TryGetValue("T", out var tValue)) return Missing("T");
            if (tValue is not BencodeString token) return WrongType("T");
            if (token.Bytes.Length != SubaccountToken.Length)
                return Fail(MonitorResponseCode.BadPubkey, $"Provided T subaccount token must be {SubaccountToken.Length} bytes");
            subaccount = new SignedSubaccount(SubaccountToken.FromBytes(token.Bytes.Span), sig.Bytes.ToArray());
        }

        var wantData = false;
        if (d.TryGetValue("d", out var dValue))
        {
            if (dValue is not BencodeInteger { Value: 0 or 1 } flag) return WrongType("d");
            wantData = flag.Value == 1;
        }

        if (!d.TryGetValue("n", out var nValue)) return Missing("n");
        if (nValue is not BencodeList nList) return WrongType("n");
        if (nList.Items.Count == 0) return Fail(MonitorResponseCode.BadArgs, "Invalid arguments: n= namespace list is empty");
        var namespaces = new List<int>(nList.Items.Count);
        foreach (var item in nList.Items)
        {
            if (item is not BencodeInteger ns) return WrongType("n");
            if (!Namespaces.IsInRange(ns.Value))
                return Fail(MonitorResponseCode.BadNamespace, "Invalid n= namespace list: namespaces must be between -32768 and 32767");
            if (namespaces.Count > 0 && ns.Value <= namespaces[^1])
                return Fail(MonitorResponseCode.BadNamespace, "Invalid n= namespace list: namespaces must be ascending");
            namespaces.Add((int)ns.Value);
        }

        byte[]? pubkey = null;
        if (d.TryGetValue("p", out var pkValue))
        {
            if (sessionEd25519 is not null)
                return Fail(MonitorResponseCode.BadArgs, "Invalid arguments: Cannot provide both p= and P= pubkey values");
            if (pkValue is not BencodeString pk) return WrongType("p");
            if (pk.Bytes.Length != StoragePubkey.ByteLength)
                return Fail(MonitorResponseCode.BadPubkey, "Provided p= pubkey must be 33 bytes");
            pubkey = pk.Bytes.ToArray();
        }
        else if (sessionEd25519 is null)
        {
            return Fail(MonitorResponseCode.BadArgs, "Invalid arguments: Either p= or P= must be given");
        }

        if (!d.TryGetValue("s", out var sigValue)) return Missing("s");
        if (sigValue is not BencodeString signature) return WrongType("s");
        if (signature.Bytes.Length != 64)
            return Fail(MonitorResponseCode.BadSignature, "Provided s= signature must be 64 bytes");

        if (!d.TryGetValue("t", out var tsValue))
            return Fail(MonitorResponseCode.BadArgs, "Invalid arguments: required signature timestamp is missing");
        if (tsValue is not BencodeInteger timestamp) return WrongType("t");

        return new MonitorParsed(
            new MonitorSubscribeRequest(pubkey, sessionEd25519, subaccount, wantData, namespaces, timestamp.Value, signature.Bytes.ToArray()),
            null);
    }

    private static MonitorParsed Fail(MonitorResponseCode code, string text) => new(null, MonitorReply.Failure(code, text));

    private static MonitorParsed Missing(string key) => Fail(MonitorResponseCode.BadArgs, $"Invalid arguments: required key {key} is missing");

    private static MonitorParsed WrongType(string key) => Fail(MonitorResponseCode.BadArgs, $"Invalid arguments: {key}= has the wrong type");
}
