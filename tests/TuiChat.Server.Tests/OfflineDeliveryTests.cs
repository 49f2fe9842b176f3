using System.Text.Json;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.FileTransfers;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

public sealed class OfflineDeliveryTests
{
    [Fact]
    public async Task DirectMessagesAndFiles_ToAnOfflineAccount_ArriveAtItsNextLogin()
    {
        await using TestServer server = TestServer.Start();
        await using (TestClient bob = await server.LoginAsync("bob", "password-b", register: true))
        {
            await bob.ExpectOkAsync("quit");
        }
        await using TestClient alice = await server.LoginAsync("alice");

        JsonElement sent = await alice.ExpectOkAsync("msg", new { to = "Bob", text = "while you were away" });
        await alice.ExpectOkAsync("msg", new { to = "bob", text = "second note" });
        byte[] data = "offline file"u8.ToArray();
        JsonElement put = await alice.ExpectOkAsync("file.put", new { to = "bob", name = "note.txt", size = data.Length, sha256 = Sha256(data) });
        await SendChunksAsync(alice, Str(put, "fileId")!, data);
        await alice.WaitForAsync(f => Type(f) == "file" && Str(f, "to") == "bob");

        await using TestClient bob2 = await server.LoginAsync("bob", "password-b");
        JsonElement first = await bob2.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "while you were away");
        await bob2.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "second note");
        JsonElement file = await bob2.WaitForAsync(f => Type(f) == "file" && Str(f, "name") == "note.txt");

        Assert.True(first.GetProperty("offline").GetBoolean());
        Assert.Equal(sent.GetProperty("msgId").GetInt64(), first.GetProperty("msgId").GetInt64());
        Assert.Equal("alice", Str(first, "from"));
        Assert.True(file.GetProperty("offline").GetBoolean());
        Assert.Equal(data, await DownloadAsync(bob2, Str(file, "fileId")!));

        // Delivered once: the next login does not repeat them.
        await bob2.ExpectOkAsync("quit");
        await using TestClient bob3 = await server.LoginAsync("bob", "password-b");
        await bob3.ExpectOkAsync("ping");
        Assert.False(bob3.Saw(f => Type(f) is "message" or "file"));
    }

    [Fact]
    public async Task OnlineDelivery_IsNotMarkedOffline()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob", "password-b", register: true);

        await alice.ExpectOkAsync("msg", new { to = "bob", text = "live" });

        JsonElement m = await bob.WaitForAsync(f => Str(f, "text") == "live");
        Assert.False(m.TryGetProperty("offline", out _));
    }
}
