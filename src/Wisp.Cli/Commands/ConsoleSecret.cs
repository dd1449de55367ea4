using System.Security.Cryptography;
using Wisp.Client.Account;

namespace Wisp.Cli.Commands;

/// <summary>Reads a passphrase from the console key by key, without echo, into a buffer that is wiped afterwards.</summary>
internal static class ConsoleSecret
{
    /// <summary>Reads until Enter; null when nothing was typed or more than <see cref="Passphrase.MaxLength"/> characters were.</summary>
    public static Passphrase? Read()
    {
        var buffer = GC.AllocateArray<char>(Passphrase.MaxLength, pinned: true);
        var length = 0;
        var tooLong = false;
        try
        {
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter)
                    break;
                if (key.Key == ConsoleKey.Backspace)
                {
                    if (length > 0)
                        buffer[--length] = '\0';
                    continue;
                }
                if (char.IsControl(key.KeyChar))
                    continue;
                if (length == buffer.Length)
                    tooLong = true;
                else
                    buffer[length++] = key.KeyChar;
            }
            return length == 0 || tooLong ? null : Passphrase.From(buffer.AsSpan(0, length));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(buffer.AsSpan()));
        }
    }
}
