using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Onion;

/// <summary>
/// The server side of Session's <c>POST /oxen/v4/lsrpc</c>, shared by the file server and the community server: takes
/// the last layer off (<c>[u32 LE N][ciphertext]{"ephemeral_key","enc_type",…}</c>, encrypted to the server's X25519
/// key), hands the v4 request inside (<c>l{meta}[body]e</c>) to the server's own answer, and encrypts the v4 reply
/// (<c>l{"code","headers"}body e</c>) with the same hop key. Pure: the answer delegate does the server's work.
/// </summary>
public static class OnionV4Endpoint
{
    /// <summary>The words of the plain 400 (werkzeug's, which Session's Flask servers send for <c>abort(400)</c>).</summary>
    public const string BadRequest = "The browser (or proxy) sent a request that this server could not understand.";

    /// <summary>Session's body for a decrypted request that is not a v4 request.</summary>
    public const string InvalidV4 = "Invalid v4 onion request";

    private static readonly Dictionary<string, string> PlainTextHeaders = new() { ["content-type"] = "text/plain; charset=utf-8" };
    private static readonly Dictionary<string, string> JsonHeaders = new() { ["content-type"] = "application/json" };

    /// <summary>
    /// The encrypted v4 reply to <paramref name="body"/>, to send with status 200; null when the layer does not parse
    /// or decrypt (answer a plain 400 <see cref="BadRequest"/>). A decrypted request that is not v4 gets an encrypted
    /// 400 <see cref="InvalidV4"/>; when <paramref name="answer"/> throws, an encrypted 500 <c>{"status_code":500}</c>
    /// (what the same request over HTTP gets) and <paramref name="failed"/> hears of it.
    /// </summary>
    public static async Task<byte[]?> AnswerAsync(
        X25519KeyPair serverKey, ReadOnlyMemory<byte> body, Func<OnionV4Request, CancellationToken, Task<OnionV4Response>> answer,
        Action<Exception>? failed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!OnionServerLayer.TryOpen(serverKey, body, out var key, out var plaintext))
            return null;
        using (key)
        {
            OnionV4Response reply;
            var decoded = OnionV4Codec.DecodeRequest(plaintext);
            if (!decoded.Ok)
            {
                reply = new OnionV4Response(400, PlainTextHeaders, Encoding.UTF8.GetBytes(InvalidV4));
            }
            else
            {
                try
                {
                    reply = await answer(decoded.Value!, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    failed?.Invoke(exception);
                    reply = new OnionV4Response(500, JsonHeaders, "{\"status_code\":500}"u8.ToArray());
                }
            }
            return key.Encrypt(OnionV4Codec.EncodeResponse(reply));
        }
    }
}
