using System.Text.Json;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

public sealed class RoomTests
{
    [Fact]
    public async Task Join_CreatesRoom_NotifiesMembers_AndRepliesWithMembers()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");

        await alice.ExpectOkAsync("join", new { room = "#games" });
        JsonElement ok = await bob.ExpectOkAsync("join", new { room = "#GAMES" });

        Assert.Equal("#games", Str(ok, "room"));
        Assert.False(ok.GetProperty("private").GetBoolean());
        Assert.Equal(["alice", "bob"], ok.GetProperty("members").EnumerateArray().Select(m => m.GetString()).Order());
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#games" && Str(f, "user") == "bob");
        await bob.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#games" && Str(f, "user") == "bob");
    }

    [Theory]
    [InlineData("games")]
    [InlineData("#")]
    [InlineData("#a b")]
    [InlineData("#bad\u001b")]
    public async Task Join_InvalidName_IsRoomInvalid(string room)
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectErrorAsync("room_invalid", "join", new { room });
    }

    [Fact]
    public async Task Leave_NotifiesMembersAndLeaver_AndLeavingAgainIsNotAMember()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await alice.ExpectOkAsync("join", new { room = "#x" });
        await bob.ExpectOkAsync("join", new { room = "#x" });

        await bob.ExpectOkAsync("leave", new { room = "#x" });

        await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "#x" && Str(f, "user") == "bob" && Str(f, "reason") == "leave");
        await bob.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "#x" && Str(f, "user") == "bob");
        await bob.ExpectErrorAsync("not_a_member", "leave", new { room = "#x" });
        await bob.ExpectErrorAsync("no_such_room", "leave", new { room = "#nowhere" });
    }

    [Fact]
    public async Task Messages_StayInTheirRoom()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await using TestClient carol = await server.LoginAsync("carol");
        await alice.ExpectOkAsync("join", new { room = "#a" });
        await bob.ExpectOkAsync("join", new { room = "#a" });
        await carol.ExpectOkAsync("join", new { room = "#b" });

        JsonElement ok = await alice.ExpectOkAsync("msg", new { to = "#a", text = "secret of a" });
        await carol.ExpectOkAsync("msg", new { to = "#b", text = "only b" });

        await bob.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "secret of a" && Str(f, "from") == "alice" && Str(f, "to") == "#a"
            && f.GetProperty("msgId").GetInt64() == ok.GetProperty("msgId").GetInt64());
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "secret of a");
        await carol.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "only b");
        await alice.ExpectOkAsync("ping");
        await bob.ExpectOkAsync("ping");
        await carol.ExpectOkAsync("ping");
        Assert.False(carol.Saw(f => Str(f, "text") == "secret of a"));
        Assert.False(alice.Saw(f => Str(f, "text") == "only b"));
        Assert.False(bob.Saw(f => Str(f, "text") == "only b"));
    }

    [Fact]
    public async Task Msg_ToRoomNotJoined_IsNotAMember_AndUnknownRoomIsNoSuchRoom()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await bob.ExpectOkAsync("join", new { room = "#bobs" });

        await alice.ExpectErrorAsync("not_a_member", "msg", new { to = "#bobs", text = "hi" });
        await alice.ExpectErrorAsync("no_such_room", "msg", new { to = "#nowhere", text = "hi" });
        await alice.ExpectErrorAsync("room_invalid", "msg", new { to = "#no where", text = "hi" });
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("red \u001b[31m alert")]
    [InlineData("bell\u0007")]
    [InlineData("c1 \u0085 control")]
    public async Task Msg_WithInvalidText_IsTextInvalid(string text)
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectErrorAsync("text_invalid", "msg", new { to = "#general", text });
    }

    [Fact]
    public async Task Msg_TooLong_IsTextInvalid_ButMaxLengthPasses()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectOkAsync("msg", new { to = "#general", text = new string('x', 4096) });
        await alice.ExpectErrorAsync("text_invalid", "msg", new { to = "#general", text = new string('x', 4097) });
        await alice.ExpectOkAsync("msg", new { to = "#general", text = "line one\n\tline two" });
    }

    [Fact]
    public async Task DirectMessage_GoesToSenderAndRecipientOnly()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await using TestClient carol = await server.LoginAsync("carol");

        await alice.ExpectOkAsync("msg", new { to = "BOB", text = "psst" });

        await bob.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "psst" && Str(f, "to") == "bob" && Str(f, "from") == "alice");
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "psst");
        await carol.ExpectOkAsync("ping");
        Assert.False(carol.Saw(f => Str(f, "text") == "psst"));
    }

    [Fact]
    public async Task DirectMessage_ToUnknownOrOfflineGuest_IsNoSuchUser()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectErrorAsync("no_such_user", "msg", new { to = "nobody", text = "hi" });
        await alice.ExpectErrorAsync("no_such_user", "msg", new { to = "9nobody", text = "hi" });
    }

    [Fact]
    public async Task Topic_IsBroadcastToMembers_AndShownInRooms()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await alice.ExpectOkAsync("join", new { room = "#t" });
        await bob.ExpectOkAsync("join", new { room = "#t" });

        await alice.ExpectOkAsync("topic", new { room = "#t", topic = "weekly sync" });

        await bob.WaitForAsync(f => Type(f) == "topic" && Str(f, "room") == "#t" && Str(f, "topic") == "weekly sync" && Str(f, "by") == "alice");
        JsonElement rooms = await bob.ExpectOkAsync("rooms");
        JsonElement t = rooms.GetProperty("rooms").EnumerateArray().Single(r => Str(r, "room") == "#t");
        Assert.Equal("weekly sync", Str(t, "topic"));
        Assert.Equal(2, t.GetProperty("members").GetInt32());
        await alice.ExpectErrorAsync("text_invalid", "topic", new { room = "#t", topic = "bad\u001b" });
        await using TestClient carol = await server.LoginAsync("carol");
        await carol.ExpectErrorAsync("not_a_member", "topic", new { room = "#t", topic = "mine" });
    }

    [Fact]
    public async Task Users_ListsOnlineUsers_OrARoomsMembers()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await bob.ExpectOkAsync("join", new { room = "#b" });

        JsonElement all = await alice.ExpectOkAsync("users");
        JsonElement room = await alice.ExpectOkAsync("users", new { room = "#b" });

        Assert.Equal(["alice", "bob"], all.GetProperty("users").EnumerateArray().Select(u => Str(u, "user")));
        Assert.All(all.GetProperty("users").EnumerateArray(), u => Assert.True(u.GetProperty("online").GetBoolean()));
        Assert.Equal(["bob"], room.GetProperty("users").EnumerateArray().Select(u => Str(u, "user")));
        Assert.Equal("guest", Str(room.GetProperty("users")[0], "role"));
        await alice.ExpectErrorAsync("no_such_room", "users", new { room = "#none" });
    }

    [Fact]
    public async Task Rooms_ListsPublicRooms()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await alice.ExpectOkAsync("join", new { room = "#zeta" });

        JsonElement ok = await alice.ExpectOkAsync("rooms");

        Assert.Equal(["#general", "#zeta"], ok.GetProperty("rooms").EnumerateArray().Select(r => Str(r, "room")));
    }

    [Fact]
    public async Task Create_PublicRoom_JoinsCreator_AndExistingNameIsRefused()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        JsonElement ok = await alice.ExpectOkAsync("create", new { room = "#new", @private = false });

        Assert.Equal("#new", Str(ok, "room"));
        await alice.ExpectErrorAsync("not_allowed", "create", new { room = "#NEW", @private = false });
    }
}
