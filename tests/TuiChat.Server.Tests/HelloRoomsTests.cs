using System.Text.Json;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

/// <summary><c>hello</c>'s <c>rooms</c>: the public rooms a session starts in, instead of #general (docs/PROTOCOL.md).</summary>
public sealed class HelloRoomsTests
{
    [Fact]
    public async Task AHelloThatListsRooms_StartsInThemAlone_AndNobodyInGeneralHearsOfIt()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient bob = await server.LoginAsync("bob");
        await using TestClient alice = await server.ConnectAsync();
        int bobBefore = bob.FrameCount;

        await alice.ExpectOkAsync("hello", new { protocol = 1, user = "alice", rooms = new[] { "#rust", "#café" } });

        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#rust" && Str(f, "user") == "alice");
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#café" && Str(f, "user") == "alice");
        JsonElement general = await bob.ExpectOkAsync("users", new { room = "#general" });
        Assert.DoesNotContain(general.GetProperty("users").EnumerateArray(), u => Str(u, "user") == "alice");
        // bob shares no room with alice: neither her login nor her line reach him; carol's, in
        // #general, is the first thing he hears of anybody.
        await alice.ExpectOkAsync("msg", new { to = "#rust", text = "olá" });
        await using TestClient carol = await server.LoginAsync("carol");
        JsonElement next = await bob.WaitForAsync(f => Type(f) is "joined" or "presence" or "message", from: bobBefore);
        Assert.Equal("carol", Str(next, "user"));
        Assert.False(alice.Saw(f => Type(f) == "joined" && Str(f, "room") == "#general"));
    }

    [Fact]
    public async Task AHelloWithNoRooms_StartsInNone_ButAnAccountStillEntersItsRememberedRooms()
    {
        await using TestServer server = TestServer.Start();
        await using (TestClient first = await server.LoginAsync("dora", "correct horse", register: true))
        {
            await first.ExpectOkAsync("join", new { room = "#games" });
            await first.ExpectOkAsync("quit");
        }
        await using TestClient dora = await server.ConnectAsync();

        await dora.ExpectOkAsync("hello", new { protocol = 1, user = "dora", password = "correct horse", rooms = Array.Empty<string>() });

        await dora.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#games" && Str(f, "user") == "dora");
        JsonElement general = await dora.ExpectOkAsync("users", new { room = "#general" });
        Assert.DoesNotContain(general.GetProperty("users").EnumerateArray(), u => Str(u, "user") == "dora");
    }

    [Theory]
    [InlineData(new[] { "#General" }, true)]
    [InlineData(new[] { "#rust" }, false)]
    public async Task AnAccountsConversations_ListGeneral_OnlyWhenTheSessionStartsInIt(string[] rooms, bool listed)
    {
        await using TestServer server = TestServer.Start();
        await (await server.LoginAsync("dora", "correct horse", register: true)).DisposeAsync();
        await using TestClient dora = await server.ConnectAsync();

        JsonElement ok = await dora.ExpectOkAsync("hello", new { protocol = 1, user = "dora", password = "correct horse", rooms });

        Assert.Equal(listed, ok.GetProperty("conversations").EnumerateArray().Any(c => Str(c, "room") == "#general"));
        await dora.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == (listed ? "#general" : "#rust"));
    }

    [Theory]
    [InlineData("room_invalid", "+team")]
    [InlineData("room_invalid", "#two words")]
    [InlineData("room_invalid", "general")]
    public async Task AHelloWithAGroupOrABadRoomName_IsRefused_AndTheNextHelloWorks(string code, string room)
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.ConnectAsync();

        await alice.ExpectErrorAsync(code, "hello", new { protocol = 1, user = "alice", rooms = new[] { "#fine", room } });

        await alice.ExpectOkAsync("hello", new { protocol = 1, user = "alice" });
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#general");
        Assert.False(alice.Saw(f => Type(f) == "joined" && Str(f, "room") == "#fine"));
    }

    [Fact]
    public async Task AHelloWithMoreThanFiftyRooms_IsABadRequest()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.ConnectAsync();

        await alice.ExpectErrorAsync("bad_request", "hello", new { protocol = 1, user = "alice", rooms = Enumerable.Range(0, 51).Select(i => "#r" + i).ToArray() });
    }
}
