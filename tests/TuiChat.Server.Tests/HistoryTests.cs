using System.Text.Json;
using TuiChat.Server.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

public sealed class HistoryTests
{
    [Fact]
    public async Task AMemberWhoJoinsWhileALineAwaitsItsCommit_FindsItInTheHistory()
    {
        using var data = new Storage.TempDataFolder();
        using SqliteChatStore store = SqliteChatStore.Open(data.Path, SqliteSync.Full, TimeSpan.FromMinutes(10));
        await using TestServer server = TestServer.Start(store: store);
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await alice.ExpectOkAsync("join", new { room = "#r" });

        // Delivered to #r's members (alice) at once; its commit waits for company.
        await alice.SendAsync("msg", new { to = "#r", text = "said before bob came" });
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "said before bob came");
        await bob.ExpectOkAsync("join", new { room = "#r" });

        JsonElement history = await bob.ExpectOkAsync("history", new { to = "#r" });
        Assert.Equal(["said before bob came"], history.GetProperty("messages").EnumerateArray().Select(m => Str(m, "text")));
    }

    [Fact]
    public async Task History_PagesOldestFirst_WithBeforeAndLimit()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        var ids = new List<long>();
        for (int i = 0; i < 10; i++)
        {
            ids.Add((await alice.ExpectOkAsync("msg", new { to = "#general", text = "line " + i })).GetProperty("msgId").GetInt64());
        }

        JsonElement last3 = await alice.ExpectOkAsync("history", new { to = "#GENERAL", limit = 3 });
        JsonElement before = await alice.ExpectOkAsync("history", new { to = "#general", before = ids[5], limit = 2 });
        JsonElement all = await alice.ExpectOkAsync("history", new { to = "#general" });

        Assert.Equal(["line 7", "line 8", "line 9"], Texts(last3));
        Assert.Equal(["line 3", "line 4"], Texts(before));
        Assert.Equal(10, Texts(all).Count);
        Assert.Equal(ids, all.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("msgId").GetInt64()));
        JsonElement first = all.GetProperty("messages")[0];
        Assert.Equal("alice", Str(first, "from"));
        Assert.Equal("#general", Str(first, "to"));
        Assert.EndsWith("Z", Str(first, "ts"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_DefaultsToFifty_AndCapsAtTwoHundred()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        for (int i = 0; i < 205; i++)
        {
            await alice.SendAsync("msg", new { to = "#general", text = "n" + i });
        }
        await alice.ExpectOkAsync("msg", new { to = "#general", text = "last" });

        Assert.Equal(50, Texts(await alice.ExpectOkAsync("history", new { to = "#general" })).Count);
        Assert.Equal(200, Texts(await alice.ExpectOkAsync("history", new { to = "#general", limit = 1000 })).Count);
        Assert.Equal("last", Texts(await alice.ExpectOkAsync("history", new { to = "#general", limit = 1 })).Single());
    }

    [Fact]
    public async Task History_OfADirectConversation_IsSharedByBothAndNobodyElse()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await using TestClient carol = await server.LoginAsync("carol");
        await alice.ExpectOkAsync("msg", new { to = "bob", text = "hi bob" });
        await bob.ExpectOkAsync("msg", new { to = "alice", text = "hi alice" });

        Assert.Equal(["hi bob", "hi alice"], Texts(await alice.ExpectOkAsync("history", new { to = "bob" })));
        Assert.Equal(["hi bob", "hi alice"], Texts(await bob.ExpectOkAsync("history", new { to = "ALICE" })));
        Assert.Empty(Texts(await carol.ExpectOkAsync("history", new { to = "alice" })));
    }

    [Fact]
    public async Task History_OfARoomNotJoined_IsNotAMember()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await bob.ExpectOkAsync("join", new { room = "#bobs" });

        await alice.ExpectErrorAsync("not_a_member", "history", new { to = "#bobs" });
        await alice.ExpectErrorAsync("room_invalid", "history", new { to = "#bad room" });
    }

    [Fact]
    public async Task MsgIds_ContinueAfterARestart()
    {
        var store = new InMemoryChatStore();
        string data = Path.Combine(Path.GetTempPath(), "tuichat-test-" + Guid.NewGuid().ToString("N"));
        long lastId;
        await using (TestServer first = TestServer.Start(store: store, dataDirectory: data))
        {
            await using TestClient alice = await first.LoginAsync("alice");
            await alice.ExpectOkAsync("msg", new { to = "#general", text = "one" });
            lastId = (await alice.ExpectOkAsync("msg", new { to = "#general", text = "two" })).GetProperty("msgId").GetInt64();
        }

        await using TestServer second = TestServer.Start(store: store, dataDirectory: data);
        await using TestClient bob = await second.LoginAsync("bob");
        long next = (await bob.ExpectOkAsync("msg", new { to = "#general", text = "three" })).GetProperty("msgId").GetInt64();

        Assert.True(next > lastId, $"{next} should follow {lastId}");
        Assert.Equal(["one", "two", "three"], Texts(await bob.ExpectOkAsync("history", new { to = "#general" })));
    }

    [Fact]
    public async Task Msg_IsAcknowledgedOnlyAfterTheStoreHasIt()
    {
        var store = new GatedStore();
        await using TestServer server = TestServer.Start(store: store);
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");

        await alice.SendAsync("msg", new { to = "#general", text = "durable?" }, id: "m1");
        await bob.WaitForAsync(f => Str(f, "text") == "durable?");
        await alice.WaitForAsync(f => Str(f, "text") == "durable?");
        Assert.False(alice.Saw(f => Str(f, "re") == "m1"));

        store.Open();

        JsonElement ok = await alice.WaitForAsync(f => Str(f, "re") == "m1");
        Assert.True(IsOk(ok));
    }

    [Fact]
    public async Task Msg_ThatCannotBeStored_GetsUnavailable_AndTheConnectionStaysOpen()
    {
        var store = new GatedStore();
        store.Fail();
        await using TestServer server = TestServer.Start(store: store);
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectErrorAsync("unavailable", "msg", new { to = "#general", text = "lost?" });
        await alice.ExpectOkAsync("ping");
    }

    internal static List<string?> Texts(JsonElement ok) =>
        ok.GetProperty("messages").EnumerateArray().Select(m => Str(m, "text")).ToList();
}
