using System.Text.Json;
using TuiChat.Server.Storage;
using TuiChat.Server.Tests.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

/// <summary>Issue 13 over real sockets: read positions, remembered rooms and topics, across sessions and restarts.</summary>
public sealed class ConversationStateTests
{
    private const string Password = "password-a";

    /// <summary>Logs in and returns the client with its hello reply (the conversations are in it).</summary>
    internal static async Task<(TestClient Client, JsonElement Hello)> HelloAsync(TestServer server, string user, string? password = null, bool register = false)
    {
        TestClient client = await server.ConnectAsync();
        JsonElement hello = await client.RequestAsync("hello", new { protocol = 1, user, password, register });
        Assert.True(IsOk(hello), hello.ToString());
        await client.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#general" && Str(f, "user") == Str(hello, "user"));
        return (client, hello);
    }

    internal static JsonElement Conversation(JsonElement reply, string room) =>
        reply.GetProperty("conversations").EnumerateArray().Single(c => Str(c, "room") == room);

    private static (long Read, long Last, int Unread, int Highlights) Counts(JsonElement conversation) =>
        (conversation.GetProperty("readMsgId").GetInt64(), conversation.GetProperty("lastMsgId").GetInt64(),
         conversation.GetProperty("unread").GetInt32(), conversation.GetProperty("highlights").GetInt32());

    [Fact]
    public async Task ReadPosition_IsSharedByTheAccountsNextClient_AndSurvivesARestart()
    {
        using var data = new TempDataFolder();
        long last;
        await using (TestServer server = TestServer.Start(store: SqliteChatStore.Open(data.Path)))
        {
            await using (TestClient first = await server.LoginAsync("alice", Password, register: true))
            {
                await first.ExpectOkAsync("join", new { room = "#games" });
                await first.ExpectOkAsync("quit");
            }
            await using TestClient bob = await server.LoginAsync("bob", "password-b", register: true);
            await bob.ExpectOkAsync("join", new { room = "#games" });
            for (int i = 1; i <= 4; i++)
            {
                await bob.ExpectOkAsync("msg", new { to = "#games", text = "line " + i });
            }
            last = (await bob.ExpectOkAsync("msg", new { to = "#games", text = "Alice: are you in?" })).GetProperty("msgId").GetInt64();
            await bob.ExpectOkAsync("msg", new { to = "alice", text = "psst" });

            (TestClient second, JsonElement hello) = await HelloAsync(server, "alice", Password);
            await using (second)
            {
                Assert.Equal((0L, last, 5, 1), Counts(Conversation(hello, "#games")));
                Assert.Equal("room", Str(Conversation(hello, "#games"), "kind"));
                Assert.Equal(("direct", 1, 1), (Str(Conversation(hello, "bob"), "kind"), Counts(Conversation(hello, "bob")).Unread, Counts(Conversation(hello, "bob")).Highlights));
                await second.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#games" && Str(f, "user") == "alice");

                JsonElement read = await second.ExpectOkAsync("read", new { room = "#games", msgId = last });
                Assert.Equal(last, read.GetProperty("readMsgId").GetInt64());
                // A late read from a slower client never moves the position back.
                Assert.Equal(last, (await second.ExpectOkAsync("read", new { room = "#GAMES", msgId = 1 })).GetProperty("readMsgId").GetInt64());
                Assert.Equal((last, last, 0, 0), Counts(Conversation(await second.ExpectOkAsync("rooms"), "#games")));
            }
        }

        await using (TestServer server = TestServer.Start(store: SqliteChatStore.Open(data.Path)))
        {
            (TestClient third, JsonElement hello) = await HelloAsync(server, "alice", Password);
            await using (third)
            {
                Assert.Equal((last, last, 0, 0), Counts(Conversation(hello, "#games")));
                await third.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#games" && Str(f, "user") == "alice");
            }
        }
    }

    [Fact]
    public async Task Read_IsCheckedLikeHistory_AndAGuestKeepsNothing()
    {
        await using TestServer server = TestServer.Start();
        (TestClient guest, JsonElement hello) = await HelloAsync(server, "gina");
        await using (guest)
        {
            long id = (await guest.ExpectOkAsync("msg", new { to = "#general", text = "hi" })).GetProperty("msgId").GetInt64();

            Assert.False(hello.TryGetProperty("conversations", out _));
            Assert.Equal(0, (await guest.ExpectOkAsync("read", new { room = "#general", msgId = id })).GetProperty("readMsgId").GetInt64());
            await guest.ExpectErrorAsync("not_a_member", "read", new { room = "#elsewhere", msgId = id });
            await guest.ExpectErrorAsync("room_invalid", "read", new { room = "#bad room", msgId = id });
            await guest.ExpectErrorAsync("no_such_user", "read", new { room = "nobody", msgId = id });
            await guest.ExpectErrorAsync("bad_request", "read", new { room = "#general", msgId = id + 1000 });
            await guest.ExpectErrorAsync("bad_request", "read", new { room = "#general", msgId = -1 });
            Assert.False((await guest.ExpectOkAsync("rooms")).TryGetProperty("conversations", out _));
        }
    }

    [Fact]
    public async Task AnAccountsRoomsAndTopics_AreRestoredAfterARestart_UntilItLeaves()
    {
        using var data = new TempDataFolder();
        await using (TestServer server = TestServer.Start(store: SqliteChatStore.Open(data.Path)))
        {
            await using TestClient alice = await server.LoginAsync("alice", Password, register: true);
            await using TestClient admin = await server.LoginAsync("admin", TestServer.AdminPassword);
            await alice.ExpectOkAsync("join", new { room = "#games" });
            await alice.ExpectOkAsync("topic", new { room = "#games", topic = "chess at 8" });
            await alice.ExpectOkAsync("join", new { room = "#tmp" });
            await alice.ExpectOkAsync("msg", new { to = "#games", text = "kept with the room" });
            await admin.ExpectOkAsync("topic", new { room = "#general", topic = "welcome back" });
            await using TestClient guest = await server.LoginAsync("gina");
            await guest.ExpectOkAsync("join", new { room = "#guests" });
        }

        await using (TestServer server = TestServer.Start(store: SqliteChatStore.Open(data.Path)))
        {
            (TestClient alice, JsonElement hello) = await HelloAsync(server, "alice", Password);
            await using (alice)
            {
                await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#games" && Str(f, "user") == "alice");
                await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#tmp" && Str(f, "user") == "alice");
                Assert.Equal(["#games", "#general", "#tmp"], hello.GetProperty("conversations").EnumerateArray().Select(c => Str(c, "room")!).Order(StringComparer.Ordinal));
                JsonElement rooms = (await alice.ExpectOkAsync("rooms")).GetProperty("rooms");
                Assert.Equal("chess at 8", Str(rooms.EnumerateArray().Single(r => Str(r, "room") == "#games"), "topic"));
                Assert.Equal("welcome back", Str(rooms.EnumerateArray().Single(r => Str(r, "room") == "#general"), "topic"));
                Assert.DoesNotContain(rooms.EnumerateArray(), r => Str(r, "room") == "#guests");
                Assert.Equal(["kept with the room"], HistoryTests.Texts(await alice.ExpectOkAsync("history", new { to = "#games" })));
                // Still its operator after the restart: the room is the same room.
                await alice.ExpectOkAsync("topic", new { room = "#games", topic = "go at 9" });
                await alice.ExpectOkAsync("leave", new { room = "#tmp" });
            }
        }

        await using (TestServer server = TestServer.Start(store: SqliteChatStore.Open(data.Path)))
        {
            (TestClient alice, JsonElement hello) = await HelloAsync(server, "alice", Password);
            await using (alice)
            {
                await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#games" && Str(f, "user") == "alice");
                Assert.DoesNotContain(hello.GetProperty("conversations").EnumerateArray(), c => Str(c, "room") == "#tmp");
                JsonElement rooms = (await alice.ExpectOkAsync("rooms")).GetProperty("rooms");
                Assert.Equal("go at 9", Str(rooms.EnumerateArray().Single(r => Str(r, "room") == "#games"), "topic"));
                Assert.DoesNotContain(rooms.EnumerateArray(), r => Str(r, "room") == "#tmp");
            }
        }
    }

    [Fact]
    public async Task ARememberedRoom_OutlivesItsOnlineMembers_AndAKickForgetsIt()
    {
        await using TestServer server = TestServer.Start();
        await using (TestClient alice = await server.LoginAsync("alice", Password, register: true))
        {
            await alice.ExpectOkAsync("join", new { room = "#games" });
            await alice.ExpectOkAsync("quit");
        }
        await using TestClient bob = await server.LoginAsync("bob");
        JsonElement games = (await bob.ExpectOkAsync("rooms")).GetProperty("rooms").EnumerateArray().Single(r => Str(r, "room") == "#games");
        Assert.Equal(1, games.GetProperty("members").GetInt32());
        JsonElement users = await bob.ExpectOkAsync("users", new { room = "#games" });
        Assert.False(users.GetProperty("users").EnumerateArray().Single().GetProperty("online").GetBoolean());

        await using TestClient admin = await server.LoginAsync("admin", TestServer.AdminPassword);
        await admin.ExpectOkAsync("kick", new { room = "#games", user = "alice" });
        Assert.DoesNotContain((await bob.ExpectOkAsync("rooms")).GetProperty("rooms").EnumerateArray(), r => Str(r, "room") == "#games");
    }
}
