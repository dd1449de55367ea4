using System.Text;

namespace Wisp.Push.Api;

/// <summary>An HTTP answer of the push server: status, content type and body bytes.</summary>
internal sealed record PushResponse(int Status, string ContentType, byte[] Body)
{
    public const string Json = "application/json";
    public const string PlainText = "text/plain; charset=utf-8";
    public const string OctetStream = "application/octet-stream";

    public static PushResponse Text(int status, string text) => new(status, PlainText, Encoding.UTF8.GetBytes(text));
}
