using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace TuiChat.Server.Tests.Cluster;

/// <summary>
/// A redis-server of one test, listening only on a unix socket in a temp folder (no TCP port), so
/// tests running at once never see each other's events. <see cref="Stop"/> and <see cref="Start"/>
/// restart it on the same socket (a Redis restart). When redis-server is not installed the test
/// reports itself skipped with the reason; it never passes without one.
/// </summary>
public sealed class TestRedis : IDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(20);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tuichat-redis-" + Guid.NewGuid().ToString("N")[..12]);
    private Process? _process;

    private TestRedis()
    {
        Directory.CreateDirectory(_folder);
        // The test host may be killed before it disposes: the child must not outlive it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    /// <summary>The path to give <c>--redis</c>.</summary>
    public string Socket => Path.Combine(_folder, "redis.sock");

    /// <summary>Starts a fresh redis-server; skips the calling test when there is none.</summary>
    public static TestRedis Create()
    {
        string? server = Find();
        Skip.If(server is null, "redis-server is not installed (Debian: apt-get install redis-server)");
        var redis = new TestRedis();
        redis.Start();
        return redis;
    }

    /// <summary>Starts redis-server on <see cref="Socket"/> and waits until it answers PING.</summary>
    public void Start()
    {
        var start = new ProcessStartInfo(Find()!)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { "--port", "0", "--unixsocket", Socket, "--unixsocketperm", "700", "--save", "", "--appendonly", "no", "--dir", _folder })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        DateTime deadline = DateTime.UtcNow + StartDeadline;
        while (!Answers())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not start on {Socket}");
            }
            Thread.Yield();
        }
    }

    /// <summary>Kills redis-server (no chance to tell anyone) and waits until it is gone.</summary>
    public void Stop()
    {
        Process? process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }
        process.Dispose();
        File.Delete(Socket);
    }

    public void Dispose()
    {
        Stop();
        Directory.Delete(_folder, recursive: true);
    }

    private bool Answers()
    {
        if (!File.Exists(Socket))
        {
            return false;
        }
        try
        {
            using var socket = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(Socket));
            socket.Send("PING\r\n"u8);
            var buffer = new byte[16];
            int read = socket.Receive(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);
}
