using System.Text;

namespace Wisp.Cli.Commands.Chat;

/// <summary>
/// The chat's input line. At a terminal it reads key by key, so that it knows when the person starts typing (for the
/// typing indicator), keeps exactly one prompt on screen, and redraws the half-typed line after printing a message above
/// it; Ctrl-D on an empty line ends the input. From a pipe it reads whole lines and shows no prompt. Every write goes
/// through <see cref="Print"/>, under one lock.
/// </summary>
internal sealed class LineInput(TextWriter stdout, bool terminal)
{
    private const string Prompt = "> ";
    private const char EndOfTransmission = '\u0004';
    private readonly Lock _gate = new();
    private readonly StringBuilder _line = new();
    private bool _prompting;

    /// <summary>Raised when the person types the first character of a line (true) or empties it (false).</summary>
    public event Action<bool>? TypingChanged;

    /// <summary>Prints a line above the input line, and redraws the prompt and what has been typed so far.</summary>
    public void Print(string text)
    {
        lock (_gate)
        {
            if (_prompting)
                stdout.Write("\r\u001b[2K");
            stdout.WriteLine(text);
            if (_prompting)
                stdout.Write(Prompt + _line);
            stdout.Flush();
        }
    }

    /// <summary>The next line typed, or null at the end of input (Ctrl-D) or when cancelled.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        if (!terminal)
        {
            try { return await Console.In.ReadLineAsync(cancellationToken); }
            catch (OperationCanceledException) { return null; }
        }
        lock (_gate)
        {
            if (!_prompting)
                stdout.Write(Prompt + _line);
            _prompting = true;
            stdout.Flush();
        }
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!Console.KeyAvailable)
                {
                    await Task.Delay(15, cancellationToken);
                    continue;
                }
                var key = Console.ReadKey(intercept: true);
                if (Typed(key) is { } done)
                    return done.Line;
            }
        }
        catch (OperationCanceledException)
        {
        }
        return null;
    }

    /// <summary>Handles one key; returns the finished line (or null inside for the end of input) when the key ends one.</summary>
    private (string? Line, bool End)? Typed(ConsoleKeyInfo key)
    {
        lock (_gate)
        {
            try
            {
                switch (key.Key)
                {
                    case ConsoleKey.Enter:
                        var line = _line.ToString();
                        _line.Clear();
                        stdout.Write("\r\u001b[2K" + Prompt);
                        return (line, false);
                    case ConsoleKey.Backspace when _line.Length > 0:
                        _line.Length--;
                        stdout.Write("\b \b");
                        if (_line.Length == 0)
                            TypingChanged?.Invoke(false);
                        return null;
                    default:
                        if (key.KeyChar == EndOfTransmission && _line.Length == 0)
                        {
                            stdout.Write("\r\u001b[2K");
                            _prompting = false;
                            return (null, true);
                        }
                        if (char.IsControl(key.KeyChar))
                            return null;
                        _line.Append(key.KeyChar);
                        stdout.Write(key.KeyChar);
                        if (_line.Length == 1)
                            TypingChanged?.Invoke(true);
                        return null;
                }
            }
            finally
            {
                stdout.Flush();
            }
        }
    }
}
