using System.Text.Json;
using TuiChat.Server.Storage;
using TuiChat.Server.Tests.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.FileTransfers;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

/// <summary>
/// Conversations belong to identities, not names: a guest session, a room and a group are each
/// someone new when they begin, even under a name used before (issue 9, privacy).
/// </summary>
public sealed class IdentityPrivacyTests
{
    [Fact]
    public async Task ReusedGuestName_SeesNoneOfTheOldGuestsDirectMessagesOrFiles()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice", "password-a", register: true);
        string fileId;
        await using (TestClient gina = await server.LoginAsync("gina"))
        await using (TestClient gus = await server.LoginAsync("gus"))
        {
            await gina.ExpectOkAsync("msg", new { to = "gus", text = "the safe code is 4711" });
            await gus.ExpectOkAsync("msg", new { to = "gina", text = "noted" });
            fileId = await UploadAsync(gina, "gus", "secret.txt", "for gus only"u8.ToArray());
            await alice.ExpectOkAsync("msg", new { to = "gina", text = "alice to the first gina" });
            // Two lines and the file offer, which is a line of the conversation too.
            Assert.Equal(3, (await gus.ExpectOkAsync("history", new { to = "gina" })).GetProperty("messages").GetArrayLength());
            await gina.ExpectOkAsync("quit");
            await gus.ExpectOkAsync("quit");
        }

        await using TestClient gina2 = await server.LoginAsync("gina");
        await using TestClient gus2 = await server.LoginAsync("gus");
        Assert.Empty((await gina2.ExpectOkAsync("history", new { to = "gus" })).GetProperty("messages").EnumerateArray());
        Assert.Empty((await gus2.ExpectOkAsync("history", new { to = "gina" })).GetProperty("messages").EnumerateArray());
        Assert.Empty((await gina2.ExpectOkAsync("history", new { to = "alice" })).GetProperty("messages").EnumerateArray());
        await gus2.ExpectErrorAsync("not_a_member", "file.get", new { fileId });

        // alice's messages to the first gina stay with that gina: the new one starts a new conversation.
        await alice.ExpectOkAsync("msg", new { to = "gina", text = "hello, new gina" });
        JsonElement page = await gina2.ExpectOkAsync("history", new { to = "alice" });
        Assert.Equal(["hello, new gina"], page.GetProperty("messages").EnumerateArray().Select(m => Str(m, "text")));
    }

    [Fact]
    public async Task OnlineGuest_AndItsPeer_ReadTheirDirectConversation()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice", "password-a", register: true);
        await using TestClient gina = await server.LoginAsync("gina");
        await gina.ExpectOkAsync("msg", new { to = "alice", text = "one" });

        Assert.Single((await gina.ExpectOkAsync("history", new { to = "alice" })).GetProperty("messages").EnumerateArray());
        Assert.Single((await alice.ExpectOkAsync("history", new { to = "gina" })).GetProperty("messages").EnumerateArray());
    }

    [Theory]
    [InlineData("+team")]
    [InlineData("#secret")]
    public async Task EndedGroup_ItsHistoryAndFiles_AreNotReadByANewGroupOfTheSameName(string room)
    {
        await using TestServer server = TestServer.Start();
        await using TestClient carol = await server.LoginAsync("carol");
        string fileId;
        await using (TestClient alice = await server.LoginAsync("alice"))
        await using (TestClient bob = await server.LoginAsync("bob"))
        {
            await alice.ExpectOkAsync("create", new { room, @private = true, members = new[] { "bob" } });
            await alice.ExpectOkAsync("msg", new { to = room, text = "our plans" });
            fileId = await UploadAsync(alice, room, "plans.txt", "the plans"u8.ToArray());
            await bob.ExpectOkAsync("leave", new { room });
            await alice.ExpectOkAsync("leave", new { room });
        }

        await carol.ExpectOkAsync("create", new { room, @private = true });
        Assert.Empty((await carol.ExpectOkAsync("history", new { to = room })).GetProperty("messages").EnumerateArray());
        await carol.ExpectErrorAsync("not_a_member", "file.get", new { fileId });
        await carol.ExpectOkAsync("msg", new { to = room, text = "mine" });
        Assert.Single((await carol.ExpectOkAsync("history", new { to = room })).GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task EndedGroupOfAccounts_IsANewIdentityAfterARestartToo()
    {
        using var data = new TempDataFolder();
        await using (TestServer server = TestServer.Start(store: SqliteChatStore.Open(data.Path)))
        {
            await using TestClient alice = await server.LoginAsync("alice", "password-a", register: true);
            await alice.ExpectOkAsync("create", new { room = "+team", @private = true });
            await alice.ExpectOkAsync("msg", new { to = "+team", text = "kept while the group lives" });
        }
        await using (TestServer server = TestServer.Start(store: SqliteChatStore.Open(data.Path)))
        {
            await using TestClient alice = await server.LoginAsync("alice", "password-a");
            Assert.Single((await alice.ExpectOkAsync("history", new { to = "+team" })).GetProperty("messages").EnumerateArray());
            await alice.ExpectOkAsync("leave", new { room = "+team" });
            await using TestClient mallory = await server.LoginAsync("mallory", "password-m", register: true);
            await mallory.ExpectOkAsync("create", new { room = "+team", @private = true });
            Assert.Empty((await mallory.ExpectOkAsync("history", new { to = "+team" })).GetProperty("messages").EnumerateArray());
        }
    }

    [Fact]
    public async Task MemberKickedDuringAnUpload_IsRefusedTheNextChunk_AndTheFileIsNeverOffered()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await alice.ExpectOkAsync("create", new { room = "+team", @private = true, members = new[] { "bob" } });
        byte[] data = new byte[3 * Protocol.ProtocolLimits.MaxChunkBytes];
        Random.Shared.NextBytes(data);
        JsonElement put = await bob.ExpectOkAsync("file.put", new { to = "+team", name = "leak.bin", size = data.Length, sha256 = Sha256(data) });
        string fileId = Str(put, "fileId")!;
        byte[] first = data[..Protocol.ProtocolLimits.MaxChunkBytes];
        await bob.SendAsync("file.chunk", new { fileId, seq = 0, data = first });
        await bob.ExpectOkAsync("ping"); // the reader handles frames in order: chunk 0 is in

        await alice.ExpectOkAsync("kick", new { room = "+team", user = "bob" });
        int mark = bob.FrameCount;
        await SendChunksAsync(bob, fileId, data[Protocol.ProtocolLimits.MaxChunkBytes..], firstSeq: 1);

        JsonElement refused = await bob.WaitForAsync(f => Type(f) == "error", from: mark);
        Assert.Equal("not_a_member", Str(refused, "code"));
        Assert.Contains(fileId, Str(refused, "message"));
        await alice.ExpectOkAsync("ping");
        await bob.ExpectOkAsync("ping");
        Assert.False(alice.Saw(f => Type(f) == "file"));
        Assert.False(bob.Saw(f => Type(f) == "file"));
    }

    [Fact]
    public async Task UploadToAGuestWhoLeft_IsRefused_AndNotOfferedToTheNextGuestOfThatName()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        byte[] data = "hello gina"u8.ToArray();
        string fileId;
        await using (TestClient gina = await server.LoginAsync("gina"))
        {
            JsonElement put = await alice.ExpectOkAsync("file.put", new { to = "gina", name = "a.txt", size = data.Length, sha256 = Sha256(data) });
            fileId = Str(put, "fileId")!;
            await gina.ExpectOkAsync("quit");
        }
        await using TestClient gina2 = await server.LoginAsync("gina");

        await SendChunksAsync(alice, fileId, data);

        JsonElement refused = await alice.WaitForAsync(f => Type(f) == "error");
        Assert.Equal("no_such_user", Str(refused, "code"));
        await gina2.ExpectOkAsync("ping");
        Assert.False(gina2.Saw(f => Type(f) == "file"));
    }
}
