using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Support;

/// <summary>An in-process server on a free loopback port with its own temporary data folder.</summary>
public sealed class TestServer : IAsyncDisposable
{
    public const string AdminPassword = "admin-secret-pw";

    private TestServer(ChatServer server, ServerOptions options, IChatStore store, ManualTimeProvider time)
    {
        Server = server;
        Options = options;
        Store = store;
        Time = time;
    }

    public ChatServer Server { get; }

    public ServerOptions Options { get; }

    public IChatStore Store { get; }

    public ManualTimeProvider Time { get; }

    public int Port => Server.Port;

    public int IrcPort => Server.IrcPort ?? throw new InvalidOperationException("the IRC listener is off");

    public static TestServer Start(Func<ServerOptions, ServerOptions>? configure = null, IChatStore? store = null, string? dataDirectory = null, Serilog.ILogger? log = null)
    {
        var options = new ServerOptions
        {
            Port = 0,
            DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "tuichat-test-" + Guid.NewGuid().ToString("N")),
            PasswordIterations = 1000,
            HousekeepingInterval = TimeSpan.FromMilliseconds(50),
            AdminPassword = AdminPassword,
            RatePerSecond = 0,
            IrcPort = 0,
            // Every test client comes from 127.0.0.1; the tests of these limits turn them on.
            MaxConnectionsPerAddress = 0,
            MaxRegistrationsPerAddress = 0,
        };
        options = configure?.Invoke(options) ?? options;
        store ??= new InMemoryChatStore();
        var time = new ManualTimeProvider();
        var server = new ChatServer(options, store, time, log);
        server.Start();
        return new TestServer(server, options, store, time);
    }

    public Task<TestClient> ConnectAsync() => TestClient.ConnectAsync(Port);

    /// <summary>Connects and logs in (as a guest without a password); waits until #general is joined.</summary>
    public Task<TestClient> LoginAsync(string user, string? password = null, bool register = false) =>
        TestClient.LoginAsync(Port, user, password, register);

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync();
        try
        {
            Directory.Delete(Options.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder does not fail a test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
