using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace TuiChat.Server.Tests.Storage;

/// <summary>
/// The real tuichat-server as a child process (the build copies it beside the tests), on a free
/// port, so a test can kill it the hard way (SIGKILL on Unix) and start it again on the same data.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<int> _ircPort = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process) => _process = process;

    public int Port { get; private set; }

    public int Pid => _process.Id;

    /// <summary>The IRC port of a server started with <c>--irc-port 0</c>, once it listens there.</summary>
    public Task<int> IrcPortAsync() => _ircPort.Task.WaitAsync(StartDeadline);

    /// <summary>Everything the server printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server on <paramref name="dataFolder"/> and waits until it listens.</summary>
    /// <param name="dataFolder">The --data folder (its logs go to a "logs" folder inside).</param>
    /// <param name="arguments">More command-line options.</param>
    /// <param name="environment">Variables to set for the child, e.g. a certificate password.</param>
    public static async Task<ServerProcess> StartAsync(string dataFolder, IEnumerable<string>? arguments = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var server = Launch(dataFolder, arguments, environment, out Task<int> listening);
        Task exited = server._process.WaitForExitAsync();
        try
        {
            Task first = await Task.WhenAny(listening, exited).WaitAsync(StartDeadline);
            if (first == exited)
            {
                throw new InvalidOperationException($"the server exited during start:\n{server.Output}");
            }

            server.Port = await listening;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Runs a server that is expected to refuse to start; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string dataFolder, IEnumerable<string>? arguments = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using ServerProcess server = Launch(dataFolder, arguments, environment, out _);
        await server._process.WaitForExitAsync().WaitAsync(StartDeadline);
        return (server._process.ExitCode, server.Output);
    }

    private static ServerProcess Launch(string dataFolder, IEnumerable<string>? arguments, IReadOnlyDictionary<string, string>? environment, out Task<int> listening)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "tuichat-server.dll"),
            "--port", "0", "--rate", "0", "--data", dataFolder, "--log", Path.Combine(dataFolder, "logs"),
        }.Concat(arguments ?? []))
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var server = new ServerProcess(new Process { StartInfo = start });
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        server._process.OutputDataReceived += (_, line) => server.OnLine(line.Data, port);
        server._process.ErrorDataReceived += (_, line) => server.OnLine(line.Data, port);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        listening = port.Task;
        return server;
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>Ends the process at once, with no chance to flush or clean up (kill -9).</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host))
        {
            return host;
        }

        string? self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    [GeneratedRegex(@"listening on \S+:(\d+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"IRC listening on \S+:(\d+)")]
    private static partial Regex IrcListeningLine();

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex ColourCodes();

    private void OnLine(string? line, TaskCompletionSource<int> listening)
    {
        if (line is null)
        {
            return;
        }

        string plain = ColourCodes().Replace(line, "");
        lock (_output)
        {
            _output.AppendLine(plain);
        }

        Match irc = IrcListeningLine().Match(plain);
        if (irc.Success)
        {
            _ircPort.TrySetResult(int.Parse(irc.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        Match match = ListeningLine().Match(plain);
        if (match.Success)
        {
            listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
