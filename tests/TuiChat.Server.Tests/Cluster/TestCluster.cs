using System.Text.Json;
using TuiChat.Server.Tests.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Cluster;

/// <summary>
/// Real tuichat-server processes sharing one PostgreSQL schema (<c>--postgres</c>) and one
/// redis-server of the test (<c>--redis</c>), and the clients logged in on them; everything is
/// stopped at the end, also when closing a node or a client fails.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>The admin account's password on every node.</summary>
    public const string AdminPassword = "cluster-admin-pw";

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<IDisposable> _folders = [];

    private TestCluster(TestSchema schema, TestRedis redis)
    {
        Schema = schema;
        Redis = redis;
    }

    public TestSchema Schema { get; }

    public TestRedis Redis { get; }

    public IReadOnlyList<ServerProcess> Nodes { get; private set; } = [];

    /// <summary>Starts <paramref name="count"/> nodes; skips the calling test without PostgreSQL or redis-server.</summary>
    public static async Task<TestCluster> StartAsync(int count, params string[] extraArguments)
    {
        TestSchema schema = TestPostgres.CreateSchema();
        TestRedis redis;
        try
        {
            redis = TestRedis.Create();
        }
        catch
        {
            schema.Dispose();
            throw;
        }
        var cluster = new TestCluster(schema, redis);
        var nodes = new ServerProcess[count];
        try
        {
            for (int i = 0; i < count; i++)
            {
                nodes[i] = await cluster.StartNodeAsync(extraArguments);
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        cluster.Nodes = nodes;
        return cluster;
    }

    /// <summary>One more node of this cluster (a data folder of its own).</summary>
    public async Task<ServerProcess> StartNodeAsync(params string[] extraArguments)
    {
        var data = new TempDataFolder();
        _folders.Add(data);
        ServerProcess node = await ServerProcess.StartAsync(data.Path,
            ["--postgres", Schema.ConnectionString, "--redis", Redis.Socket, "--admin-password-env", "TUICHAT_TEST_ADMIN_PW", .. extraArguments],
            new Dictionary<string, string> { ["TUICHAT_TEST_ADMIN_PW"] = AdminPassword });
        _owned.Add(node);
        return node;
    }

    /// <summary>A client to close with the cluster.</summary>
    public T Own<T>(T client) where T : IAsyncDisposable
    {
        _owned.Add(client);
        return client;
    }

    public async Task<TestClient> LoginAsync(ServerProcess node, string name, string? password = null, bool register = false) =>
        Own(await TestClient.LoginAsync(node.Port, name, password, register));

    /// <summary>Logs in again and again until the name is free (it is held for a moment by its old server).</summary>
    public async Task<TestClient> LoginWhenFreeAsync(ServerProcess node, string name)
    {
        DateTime deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            TestClient client = await TestClient.ConnectAsync(node.Port);
            JsonElement reply = await client.RequestAsync("hello", new { protocol = 1, user = name });
            if (IsOk(reply))
            {
                return Own(client);
            }
            await client.DisposeAsync();
            Assert.True(DateTime.UtcNow < deadline, $"{name} still refused: {reply}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            for (int i = _owned.Count - 1; i >= 0; i--)
            {
                await _owned[i].DisposeAsync();
            }
        }
        finally
        {
            // Also when a node or a client failed to close: no redis-server may outlive the test.
            Redis.Dispose();
            Schema.Dispose();
            foreach (IDisposable folder in _folders)
            {
                folder.Dispose();
            }
        }
    }
}

/// <summary>
/// A test class whose tests each start one cluster, stopped when the test ends (through
/// IAsyncLifetime: xunit 2 never calls a test class's DisposeAsync, and every test's nodes and
/// redis-server outlived it).
/// </summary>
public abstract class ClusterTest : IAsyncLifetime
{
    protected static readonly TimeSpan Deadline = TestCluster.Deadline;

    private TestCluster? _cluster;

    /// <summary>The cluster <see cref="StartClusterAsync"/> started.</summary>
    protected TestCluster Cluster => _cluster ?? throw new InvalidOperationException("the test started no cluster");

    protected async Task<TestCluster> StartClusterAsync(int count, params string[] extraArguments) =>
        _cluster = await TestCluster.StartAsync(count, extraArguments);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
