using System.Text;

namespace Wisp.Community.Api;

/// <summary>Percent-decoding of a request path, strictly, as pysogs's subrequests decode it.</summary>
internal static class HttpPaths
{
    /// <summary>The decoded path.</summary>
    /// <exception cref="ArgumentException">A <c>%</c> not followed by two hex digits, or bytes that are not UTF-8.</exception>
    public static string Decode(string path)
    {
        if (!path.Contains('%', StringComparison.Ordinal))
            return path;
        var bytes = new List<byte>(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '%')
            {
                if (i + 2 >= path.Length || !char.IsAsciiHexDigit(path[i + 1]) || !char.IsAsciiHexDigit(path[i + 2]))
                    throw new ArgumentException("A % in the path is not followed by two hex digits.", nameof(path));
                bytes.Add(Convert.ToByte(path.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                var next = path.IndexOf('%', i);
                var end = next < 0 ? path.Length : next;
                bytes.AddRange(Encoding.UTF8.GetBytes(path[i..end]));
                i = end - 1;
            }
        }
        return new UTF8Encoding(false, true).GetString(bytes.ToArray());
    }
}
