using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TuiChat.Client.Tests.Tui;

/// <summary>
/// The real tuichat-server binary on a free loopback port with its own data and log folders,
/// killed (whole process tree) and cleaned up on dispose.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    public const string AdminPassword = "test-admin-password";

    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

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

    public static ServerProcess Start()
    {
        string folder = Directory.CreateTempSubdirectory("tuichat-e2e-").FullName;
        int port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
                 {
                     RepoLayout.ServerDll, "--bind", "127.0.0.1", "--port", port.ToString(),
                     "--data", Path.Combine(folder, "data"), "--log", Path.Combine(folder, "logs"),
                 })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["TUICHAT_ADMIN_PASSWORD"] = AdminPassword;
        var server = new ServerProcess(Process.Start(start)!, folder, port);
        server._process.OutputDataReceived += server.Collect;
        server._process.ErrorDataReceived += server.Collect;
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        Poll.Until(server.AcceptsConnections, TimeSpan.FromSeconds(30),
            () => $"the server did not listen on port {port}; its output:\n{server.Output}");
        return server;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A log file still closing: the folder is in the temp directory, leave it.
            }
        }
    }

    private bool AcceptsConnections()
    {
        if (_process.HasExited)
        {
            Assert.Fail($"the server exited with code {_process.ExitCode}; its output:\n{Output}");
        }
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Collect(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is not null)
        {
            lock (_output)
            {
                _output.AppendLine(e.Data);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
