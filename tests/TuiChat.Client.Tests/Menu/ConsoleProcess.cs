using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TuiChat.Client.Tests.Menu;

/// <summary>
/// A real TuiChat binary (a .dll run with <c>dotnet</c>, or a native executable): stdin is a pipe the test writes lines to, and
/// every output line is kept so the test can wait for the one it expects. Killed (with its
/// children) on dispose if still running.
/// </summary>
internal sealed partial class ConsoleProcess : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly List<string> _lines = [];

    private ConsoleProcess(Process process) => _process = process;

    public string Name { get; private init; } = "";

    public static ConsoleProcess Start(string name, string program, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        bool managed = program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(managed ? "dotnet" : program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (managed)
        {
            start.ArgumentList.Add(program);
        }
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = new ConsoleProcess(Process.Start(start)!) { Name = name };
        process._process.OutputDataReceived += process.Collect;
        process._process.ErrorDataReceived += process.Collect;
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>Types one line (a menu choice or an answer) into the process.</summary>
    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>End of input: the menu client must quit cleanly.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Waits for an output line matching <paramref name="pattern"/> and returns its match.</summary>
    public async Task<Match> WaitForAsync(string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        DateTime deadline = DateTime.UtcNow + Deadline;
        bool exited = false;
        while (DateTime.UtcNow < deadline)
        {
            lock (_lines)
            {
                foreach (string line in _lines)
                {
                    Match match = regex.Match(line);
                    if (match.Success)
                    {
                        return match;
                    }
                }
            }
            if (exited)
            {
                break;
            }
            if (_process.HasExited)
            {
                // The output events can trail the exit (a client that prints one line and quits):
                // wait until the redirected streams have ended, then look once more.
                _process.WaitForExit();
                exited = true;
                continue;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"{Name}: no output line matched /{pattern}/; output so far:\n{Output}");
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the process the way a crash would (no clean shutdown) and waits for it to be gone.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It was never started or is already gone.
        }
    }

    /// <summary>Sends SIGTERM, as an operator's <c>kill</c> or systemd's stop does, and lets the process end by itself.</summary>
    public void Terminate()
    {
        using Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>How many output lines match <paramref name="pattern"/> so far.</summary>
    public int Count(string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        lock (_lines)
        {
            return _lines.Count(regex.IsMatch);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Collect(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            return;
        }
        // Strip colour codes a logger might add, so patterns match the text.
        string line = ColourCodes().Replace(e.Data, "");
        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex ColourCodes();
}
