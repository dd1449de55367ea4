using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// Whether a JSON body is Unicode text throughout, as Session's JSON parser requires before it parses: raw bytes that
/// are valid UTF-8, and no escaped lone surrogate (<c>"\ud800"</c>). .NET's reader checks neither until a string is
/// read, and then throws; checking the whole body first turns that into the "invalid json" 400 Session answers.
/// </summary>
internal static class JsonText
{
    /// <summary>True when <paramref name="utf8"/> is valid UTF-8 and each escaped string in it decodes to valid UTF-16.</summary>
    /// <remarks>Call on a body that already parsed as JSON (the reader here assumes valid structure).</remarks>
    public static bool IsValidUnicode(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
            return false;
        // Only a \u escape can spell a lone surrogate; most bodies have none and skip the second pass.
        return utf8.IndexOf("\\u"u8) < 0 || EscapesAreValid(utf8);
    }

    private static bool EscapesAreValid(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = RpcEnvelope.MaxDepth });
        char[]? rented = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped)
                    continue;
                // An escaped value never unescapes to more chars than its raw bytes.
                var length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
                if (rented is null || rented.Length < length)
                {
                    if (rented is not null) ArrayPool<char>.Shared.Return(rented);
                    rented = ArrayPool<char>.Shared.Rent(length);
                }
                reader.CopyString(rented);
            }
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }
}
