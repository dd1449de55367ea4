using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Monitor;

/// <summary>
/// The node's first frame on a monitor connection: <c>cursor</c>, its arrival cursor now (the highest message row id
/// committed); <c>store</c>, the id of its database (32 hex), which a resume hands back so that a cursor from a
/// rebuilt database is never taken for one of this; <c>v</c>, the stream's version.
/// </summary>
public sealed record MonitorHello(long Cursor, string Store, int Version = MonitorRoutes.Version)
{
    /// <summary>The hello's bytes.</summary>
    public byte[] Encode() => BencodeWriter.Encode(new BencodeDictionary(
    [
        MonitorBt.Entry("cursor", Cursor),
        MonitorBt.Entry("store", Store),
        MonitorBt.Entry("v", Version),
    ]));

    /// <summary>Reads a hello dict; null when it is not one.</summary>
    public static MonitorHello? FromBencode(BencodeValue? value) =>
        value is BencodeDictionary d && MonitorBt.Integer(d, "cursor") is { } cursor && MonitorBt.Text(d, "store") is { } store
            && MonitorBt.Integer(d, "v") is { } version
            ? new MonitorHello(cursor, store, (int)version)
            : null;
}
