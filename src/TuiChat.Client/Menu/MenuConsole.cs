namespace TuiChat.Client.Menu;

/// <summary>
/// Line-oriented console for the menu client. Incoming lines may arrive from the connection's
/// thread while a prompt waits for input: they are printed on their own line above it and the
/// prompt is shown again, so a person sees a clean screen and a script sees whole lines.
/// </summary>
internal sealed class MenuConsole(TextReader input, TextWriter output)
{
    private readonly Lock _gate = new();
    private string? _openPrompt;

    /// <summary>Prints <paramref name="prompt"/> (no newline) and reads one line; null at end of input.</summary>
    public string? Prompt(string prompt)
    {
        lock (_gate)
        {
            output.Write(prompt);
            output.Flush();
            _openPrompt = prompt;
        }
        string? line = input.ReadLine();
        lock (_gate)
        {
            if (line is null && _openPrompt is not null)
            {
                output.WriteLine();
            }
            _openPrompt = null;
        }
        return line?.Trim();
    }

    public void WriteLine(string line)
    {
        lock (_gate)
        {
            if (_openPrompt is not null)
            {
                output.WriteLine();
            }
            output.WriteLine(line);
            if (_openPrompt is not null)
            {
                output.Write(_openPrompt);
            }
            output.Flush();
        }
    }
}
