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
/// (a script) whole lines are read. In a terminal, bracketed paste is on: a pasted block is one
/// answer, its line breaks kept, never several answers (a pasted line must not become a menu choice).
/// </summary>
internal sealed class MenuConsole : IDisposable
{
    /// <summary>Asks the terminal to mark pastes (<see cref="PasteStart"/> … <see cref="PasteEnd"/>), and to stop.</summary>
    private const string BracketedPasteOn = "\u001b[?2004h";
    private const string BracketedPasteOff = "\u001b[?2004l";

    /// <summary>What follows ESC in the paste markers; .NET hands these keys over one by one.</summary>
    private const string PasteStart = "[200~";
    private const string PasteEnd = "[201~";

    /// <summary>How a pasted line break is echoed: the prompt stays one row, so a line printed above it can redraw it.</summary>
    private const char LineBreakShown = '↵';

    private readonly TextWriter _output;
    private readonly Channel<TypedLine> _lines = Channel.CreateUnbounded<TypedLine>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly StringBuilder _typed = new();
    private readonly bool _interactive;
    /// <summary>The open prompt's text, asked again at every redraw; null when no prompt is open.</summary>
    private Func<string>? _openPrompt;

    /// <summary>Keys after an ESC that may still become a paste marker; null when no ESC is pending.</summary>
    private StringBuilder? _escape;
    private bool _pasting;
    private int _disposed;

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
        if (_interactive)
        {
            _output.Write(BracketedPasteOn);
            _output.Flush();
            // Ctrl+C ends the process without Dispose: the shell must not inherit the mode.
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }
        reader.Start();
    }

    /// <summary>Gives the terminal back as it was: bracketed paste off.</summary>
    public void Dispose()
    {
        if (_interactive && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            lock (_gate)
            {
                _output.Write(BracketedPasteOff);
                _output.Flush();
            }
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    /// <summary>Prints <paramref name="prompt"/> (no newline) and waits for one line; null at end of input.</summary>
    public Task<string?> PromptAsync(string prompt) => PromptAsync(() => prompt);

    /// <summary>
    /// Like <see cref="PromptAsync(string)"/>, with a prompt that can change while it waits: a line
    /// printed above it redraws what <paramref name="prompt"/> says then (the menu's names the
    /// current conversation, which the first join sets while the user reads the menu).
    /// </summary>
    public async Task<string?> PromptAsync(Func<string> prompt)
    {
        lock (_gate)
        {
            if (_lines.Reader.TryRead(out TypedLine ahead))
            {
                // Answered before it was asked (typed ahead): shown after its prompt now, in order.
                _output.Write(prompt());
                if (!ahead.Echoed || ahead.Text is null)
                {
                    _output.WriteLine(ahead.Text is null ? "" : Shown(ahead.Text));
                }
                _output.Flush();
                return ahead.Text?.Trim();
            }
            _output.Write(prompt() + Shown(_typed.ToString()));
            _output.Flush();
            _openPrompt = prompt;
        }
        TypedLine line = await _lines.Reader.ReadAsync().ConfigureAwait(true);
        lock (_gate)
        {
            if (line.Text is null && _openPrompt is not null)
            {
                _output.WriteLine();
            }
            _openPrompt = null;
        }
        return line.Text?.Trim();
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
                _output.Write(_openPrompt() + Shown(_typed.ToString()));
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
            // A script's lines are never echoed: nothing to show after a prompt.
            _lines.Writer.TryWrite(new TypedLine(line, Echoed: true));
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
                _lines.Writer.TryWrite(new TypedLine(null, Echoed: false)); // stdin closed
                return;
            }
            lock (_gate)
            {
                if (!TakeEscape(key) && !Handle(key))
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Follows an ESC: true when <paramref name="key"/> was taken as part of a paste marker (or
    /// may still be); false when the caller handles it as a key of its own.
    /// </summary>
    private bool TakeEscape(ConsoleKeyInfo key)
    {
        if (key.Key == ConsoleKey.Escape)
        {
            _escape = new StringBuilder();
            return true;
        }
        if (_escape is null)
        {
            return false;
        }
        string sequence = _escape.ToString() + key.KeyChar;
        if (sequence == PasteStart || sequence == PasteEnd)
        {
            _pasting = sequence == PasteStart;
            _escape = null;
            return true;
        }
        if (!char.IsControl(key.KeyChar) && (PasteStart.StartsWith(sequence, StringComparison.Ordinal) || PasteEnd.StartsWith(sequence, StringComparison.Ordinal)))
        {
            _escape.Append(key.KeyChar);
            return true;
        }
        // Not a marker: an ESC the user pressed, then keys. The ESC goes; the text before this
        // key stays, and this key (Enter, say) is handled as any other.
        string typed = _escape.ToString();
        _escape = null;
        foreach (char c in typed)
        {
            Type(c);
        }
        return false;
    }

    /// <summary>One key outside a marker; false when it ends the input (Ctrl+D on an empty line).</summary>
    private bool Handle(ConsoleKeyInfo key)
    {
        if (key.Key == ConsoleKey.Enter && _pasting)
        {
            _typed.Append('\n');
            Echo(LineBreakShown.ToString());
        }
        else if (key.Key == ConsoleKey.Enter)
        {
            string line = _typed.ToString();
            _typed.Clear();
            bool echoed = _openPrompt is not null;
            if (echoed)
            {
                _output.WriteLine();
                _output.Flush();
                // Answered: keys typed from now on belong to the next prompt, which shows them.
                _openPrompt = null;
            }
            _lines.Writer.TryWrite(new TypedLine(line, echoed));
        }
        else if (key.Key == ConsoleKey.D && key.Modifiers.HasFlag(ConsoleModifiers.Control) && _typed.Length == 0)
        {
            _lines.Writer.TryWrite(new TypedLine(null, Echoed: false));
            return false;
        }
        else if (key.Key == ConsoleKey.Backspace && _typed.Length > 0)
        {
            EraseLastCharacter();
        }
        else if (key.KeyChar == '\t' && _pasting)
        {
            Type(' ');
        }
        else
        {
            Type(key.KeyChar);
        }
        return true;
    }

    /// <summary>Adds a typed character and echoes it; control characters are dropped.</summary>
    private void Type(char c)
    {
        if (char.IsControl(c))
        {
            return;
        }
        _typed.Append(c);
        // An emoji outside the BMP comes as two keys, one per UTF-16 half: echo them
        // together, since half of one written and flushed alone becomes U+FFFD.
        if (!char.IsHighSurrogate(c))
        {
            bool pair = char.IsLowSurrogate(c) && _typed.Length > 1 && char.IsHighSurrogate(_typed[^2]);
            Echo(pair ? _typed.ToString(_typed.Length - 2, 2) : c.ToString());
        }
    }

    /// <summary>
    /// Echoes what a key did, while a prompt is open. Keys typed ahead (no prompt open yet) are
    /// shown by the prompt they answer, so answers never appear before their questions.
    /// </summary>
    private void Echo(string text)
    {
        if (_openPrompt is not null)
        {
            _output.Write(text);
            _output.Flush();
        }
    }

    /// <summary>The typed text as echoed: a pasted line break as one visible cell.</summary>
    private static string Shown(string typed) => typed.Replace('\n', LineBreakShown);

    /// <summary>Backspace: the last character as the user sees it (a whole emoji, flag or accented letter), and the cells it took.</summary>
    private void EraseLastCharacter()
    {
        string typed = _typed.ToString();
        int start = StringInfo.ParseCombiningCharacters(typed)[^1];
        int cells = typed[start] == '\n' ? 1 : CellWidth.Of(typed.AsSpan(start));
        _typed.Length = start;
        Echo(new string('\b', cells) + new string(' ', cells) + new string('\b', cells));
    }

    /// <summary>A line of input; <see cref="Echoed"/> when the user saw it typed after its prompt. Text null: end of input.</summary>
    private readonly record struct TypedLine(string? Text, bool Echoed);
}
