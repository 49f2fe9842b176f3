using System.Globalization;
using System.Text;
using System.Threading.Channels;
using TuiChat.Client.Core.Text;

namespace TuiChat.Client.Menu;

/// <summary>
/// Line-oriented console for the menu client. A background thread reads stdin into a queue, so
/// the menu's loop thread never blocks on it and keeps printing what arrives. Incoming lines go
/// above the open prompt, and the prompt is shown again with what the user had typed so far: in
/// a terminal the keys are read one by one so that half-typed text can be reprinted; from a pipe
/// (a script) whole lines are read.
/// </summary>
internal sealed class MenuConsole
{
    private readonly TextWriter _output;
    private readonly Channel<string?> _lines = Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly StringBuilder _typed = new();
    private readonly bool _interactive;
    private string? _openPrompt;

    /// <param name="keys">Reads one key at a time from a terminal; null to read whole lines from <paramref name="input"/>.</param>
    public MenuConsole(TextReader input, TextWriter output, Func<ConsoleKeyInfo>? keys = null)
    {
        _output = output;
        _interactive = keys is not null;
        var reader = new Thread(() =>
        {
            if (keys is null)
            {
                ReadLines(input);
            }
            else
            {
                ReadKeys(keys);
            }
        })
        { IsBackground = true, Name = "tuichat-menu-stdin" };
        reader.Start();
    }

    /// <summary>Prints <paramref name="prompt"/> (no newline) and waits for one line; null at end of input.</summary>
    public async Task<string?> PromptAsync(string prompt)
    {
        lock (_gate)
        {
            _output.Write(prompt + _typed);
            _output.Flush();
            _openPrompt = prompt;
        }
        string? line = await _lines.Reader.ReadAsync().ConfigureAwait(true);
        lock (_gate)
        {
            if (line is null && _openPrompt is not null)
            {
                _output.WriteLine();
            }
            _openPrompt = null;
        }
        return line?.Trim();
    }

    /// <summary>Prints a line above the open prompt, then the prompt and the half-typed text again.</summary>
    public void WriteLine(string line)
    {
        lock (_gate)
        {
            if (_openPrompt is not null)
            {
                // Back to the start of the prompt's row and clear it (a pipe just gets a new line).
                _output.Write(_interactive ? "\r\u001b[K" : Environment.NewLine);
            }
            _output.WriteLine(line);
            if (_openPrompt is not null)
            {
                _output.Write(_openPrompt + _typed);
            }
            _output.Flush();
        }
    }

    private void ReadLines(TextReader input)
    {
        string? line;
        do
        {
            line = input.ReadLine();
            _lines.Writer.TryWrite(line);
        }
        while (line is not null);
    }

    /// <summary>A terminal's keys: echoed here (the terminal's own echo is off) and kept until Enter.</summary>
    private void ReadKeys(Func<ConsoleKeyInfo> keys)
    {
        while (true)
        {
            ConsoleKeyInfo key;
            try
            {
                key = keys();
            }
            catch (InvalidOperationException)
            {
                _lines.Writer.TryWrite(null); // stdin closed
                return;
            }
            lock (_gate)
            {
                if (key.Key == ConsoleKey.Enter)
                {
                    string line = _typed.ToString();
                    _typed.Clear();
                    _output.WriteLine();
                    _output.Flush();
                    _lines.Writer.TryWrite(line);
                }
                else if (key.Key == ConsoleKey.D && key.Modifiers.HasFlag(ConsoleModifiers.Control) && _typed.Length == 0)
                {
                    _lines.Writer.TryWrite(null);
                    return;
                }
                else if (key.Key == ConsoleKey.Backspace && _typed.Length > 0)
                {
                    EraseLastCharacter();
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    _typed.Append(key.KeyChar);
                    // An emoji outside the BMP comes as two keys, one per UTF-16 half: echo them
                    // together, since half of one written and flushed alone becomes U+FFFD.
                    if (!char.IsHighSurrogate(key.KeyChar))
                    {
                        bool pair = char.IsLowSurrogate(key.KeyChar) && _typed.Length > 1 && char.IsHighSurrogate(_typed[^2]);
                        _output.Write(pair ? _typed.ToString(_typed.Length - 2, 2) : key.KeyChar.ToString());
                        _output.Flush();
                    }
                }
            }
        }
    }

    /// <summary>Backspace: the last character as the user sees it (a whole emoji, flag or accented letter), and the cells it took.</summary>
    private void EraseLastCharacter()
    {
        string typed = _typed.ToString();
        int start = StringInfo.ParseCombiningCharacters(typed)[^1];
        int cells = CellWidth.Of(typed.AsSpan(start));
        _typed.Length = start;
        _output.Write(new string('\b', cells) + new string(' ', cells) + new string('\b', cells));
        _output.Flush();
    }
}
