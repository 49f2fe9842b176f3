using System.Text.Json;
using TuiChat.Server.Storage.Postgres;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Storage;

/// <summary>
/// When the store cannot be used (PostgreSQL gone, a disk error), a request that needs it gets
/// <c>unavailable</c> ("retry later"), nothing that was not stored is acknowledged, the connection
/// stays open, and once the store is back the same requests succeed.
/// </summary>
public sealed class StoreUnavailableTests
{
    [SkippableFact]
    public async Task WhilePostgresCannotBeUsed_RequestsGetUnavailable_NothingUnstoredIsAcked_AndAfterwardsAllCarriesOn()
    {
        using TestSchema schema = TestPostgres.CreateSchema();
        await using TestServer server = TestServer.Start(store: PostgresChatStore.Open(schema.ConnectionString, passwordVariable: null));
        await using TestClient alice = await server.LoginAsync("alice", "password-a", register: true);
        long before = (await alice.ExpectOkAsync("msg", new { to = "#general", text = "antes" })).GetProperty("msgId").GetInt64();

        // The tables vanish from under the running server: every statement fails, as with a database that went away.
        TestPostgres.Execute(schema.ConnectionString, $"ALTER SCHEMA {schema.Name} RENAME TO {schema.Name}_away");
        JsonElement refused = await alice.RequestAsync("msg", new { to = "#general", text = "durante 😬" });
        JsonElement readRefused = await alice.RequestAsync("read", new { room = "#general", msgId = before });

        Assert.True(IsError(refused, "unavailable"), refused.ToString());
        Assert.Contains("send it again later", Str(refused, "message"), StringComparison.Ordinal);
        Assert.True(IsError(readRefused, "unavailable"), readRefused.ToString());
        await alice.ExpectOkAsync("ping");

        TestPostgres.Execute(schema.ConnectionString, $"ALTER SCHEMA {schema.Name}_away RENAME TO {schema.Name}");
        await alice.ExpectOkAsync("msg", new { to = "#general", text = "depois" });
        JsonElement history = await alice.ExpectOkAsync("history", new { to = "#general" });
        Assert.Equal(["antes", "depois"], history.GetProperty("messages").EnumerateArray().Select(m => Str(m, "text")));
    }
}
