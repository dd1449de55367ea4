using System.Text;

namespace Wisp.Cli.Commands.Chat;

/// <summary>
/// The chat's input line. At a terminal it reads key by key, so that it knows when the person starts typing (for the
/// typing indicator) and can redraw their half-typed line after printing an incoming message; from a pipe it reads
/// whole lines. Every write to the terminal goes through <see cref="Print"/>, under one lock.
/// </summary>
internal sealed class LineInput(TextWriter stdout, bool terminal)
{
    private const string Prompt = "> ";
    private readonly Lock _gate = new();
    private readonly StringBuilder _line = new();

    /// <summary>Raised when the person types the first character of a line (true) or empties it (false).</summary>
    public event Action<bool>? TypingChanged;

    /// <summary>Prints a line above the input line, and redraws what has been typed so far.</summary>
    public void Print(string text)
    {
        lock (_gate)
        {
            if (terminal)
                stdout.Write("\r\u001b[2K");
            stdout.WriteLine(text);
            if (terminal)
                stdout.Write(Prompt + _line);
            stdout.Flush();
        }
    }

    /// <summary>The next line typed, or null at the end of input or when cancelled.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        if (!terminal)
        {
            try { return await Console.In.ReadLineAsync(cancellationToken); }
            catch (OperationCanceledException) { return null; }
        }
        lock (_gate)
        {
            stdout.Write(Prompt);
            stdout.Flush();
        }
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!Console.KeyAvailable)
            {
                try { await Task.Delay(15, cancellationToken); }
                catch (OperationCanceledException) { return null; }
                continue;
            }
            var key = Console.ReadKey(intercept: true);
            lock (_gate)
            {
                switch (key.Key)
                {
                    case ConsoleKey.Enter:
                        var line = _line.ToString();
                        _line.Clear();
                        stdout.Write("\r\u001b[2K");
                        stdout.Flush();
                        return line;
                    case ConsoleKey.Backspace when _line.Length > 0:
                        _line.Length--;
                        stdout.Write("\b \b");
                        if (_line.Length == 0)
                            TypingChanged?.Invoke(false);
                        break;
                    default:
                        if (char.IsControl(key.KeyChar))
                            break;
                        _line.Append(key.KeyChar);
                        stdout.Write(key.KeyChar);
                        if (_line.Length == 1)
                            TypingChanged?.Invoke(true);
                        break;
                }
                stdout.Flush();
            }
        }
        return null;
    }
}
