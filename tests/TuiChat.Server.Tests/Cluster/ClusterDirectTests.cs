using System.Text.Json;
using Npgsql;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Cluster;

/// <summary>Direct messages between users on different nodes of a real cluster: one order, nothing lost.</summary>
public sealed class ClusterDirectTests : ClusterTest
{
    [SkippableFact]
    public async Task ADirectConversationAcrossNodes_IsNumberedInTheOrderItIsDelivered_AfterEveryLineStoredBefore()
    {
        await StartClusterAsync(2);
        TestClient alice = await Cluster.LoginAsync(Cluster.Nodes[0], "alice", "alice's password", register: true);
        TestClient bob = await Cluster.LoginAsync(Cluster.Nodes[1], "bob", "bob's password", register: true);
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "user") == "bob", Deadline);

        var sent = new List<(string Text, long MsgId)>();
        long lastRoomLine = 0;
        for (int i = 0; i < 4; i++)
        {
            // A room line (numbered by the database), then the two talk, each from its own node.
            lastRoomLine = (await alice.ExpectOkAsync("msg", new { to = "#general", text = $"room {i}" })).GetProperty("msgId").GetInt64();
            foreach ((TestClient from, string to) in new[] { (bob, "alice"), (alice, "bob") })
            {
                string text = $"{from.User} {i}";
                long id = (await from.ExpectOkAsync("msg", new { to, text })).GetProperty("msgId").GetInt64();
                // Each waits for the line before answering, as people do: the conversation has one order.
                await (from == bob ? alice : bob).WaitForAsync(f => Type(f) == "message" && Str(f, "text") == text, Deadline);
                Assert.True(id > lastRoomLine, $"'{text}' got id {id}, below the room line {lastRoomLine} stored before it");
                sent.Add((text, id));
            }
        }

        Assert.Equal(sent.Select(s => s.MsgId).Order(), sent.Select(s => s.MsgId));
        foreach (TestClient side in new[] { alice, bob })
        {
            // Live on both nodes, and in history (by id), in the order it was said.
            long[] live = [.. side.Frames().Where(f => Type(f) == "message" && Str(f, "to") != "#general").Select(f => f.GetProperty("msgId").GetInt64())];
            Assert.Equal(sent.Select(s => s.MsgId), live);
            JsonElement history = await side.ExpectOkAsync("history", new { to = side == alice ? "bob" : "alice" });
            Assert.Equal(sent.Select(s => s.Text), history.GetProperty("messages").EnumerateArray().Select(m => Str(m, "text")!));
        }
    }

    [SkippableFact]
    public async Task ADirectMessageToAnAccountWhoseNodeJustDied_ReachesItAtItsNextLogin()
    {
        (TestClient alice, TestClient bob) = await GuestAliceAndAccountBobAsync();

        Cluster.Nodes[1].Kill();
        await bob.WaitClosedAsync(Deadline);
        // For a few seconds node A still has bob online (until B's heartbeat is found gone).
        Assert.True((await alice.ExpectOkAsync("whois", new { user = "bob" })).GetProperty("online").GetBoolean());
        long id = (await alice.ExpectOkAsync("msg", new { to = "bob", text = "are you there?" })).GetProperty("msgId").GetInt64();

        TestClient bobAgain = await Cluster.LoginAsync(Cluster.Nodes[0], "bob", "bob's password");
        JsonElement got = await bobAgain.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "are you there?", Deadline);
        Assert.Equal(id, got.GetProperty("msgId").GetInt64());
        await bobAgain.ExpectOkAsync("ping");
        Assert.Single(bobAgain.Frames(), f => Type(f) == "message" && Str(f, "text") == "are you there?");
    }

    [SkippableFact]
    public async Task ADirectMessageToAnAccountOnAnotherNode_IsDeliveredOnce_NotAgainAtItsNextLogin()
    {
        (TestClient alice, TestClient bob) = await GuestAliceAndAccountBobAsync();

        await alice.ExpectOkAsync("msg", new { to = "bob", text = "live, once" });
        await bob.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "live, once", Deadline);
        // Queued for bob in case his node had died; his node takes it out of the queue once he has it.
        await Eventually.Until(() => QueuedLines() == 0, "bob's offline queue emptied", Deadline);
        await bob.ExpectOkAsync("quit");

        TestClient bobAgain = await Cluster.LoginAsync(Cluster.Nodes[0], "bob", "bob's password");
        await bobAgain.ExpectOkAsync("ping");
        Assert.DoesNotContain(bobAgain.Frames(), f => Type(f) == "message");
    }

    /// <summary>Two nodes: the guest alice on node A, the account bob on node B, each known to the other's node.</summary>
    [SkippableFact]
    public async Task AFileSentToAUserOnAnotherNode_IsOfferedToItThereOnce_AndItCanDownloadIt()
    {
        (TestClient alice, TestClient bob) = await GuestAliceAndAccountBobAsync();
        byte[] data = "relatório de novembro ✓"u8.ToArray();

        // The first thing either says to the other: no direct conversation is delivered anywhere yet.
        string fileId = await FileTransfers.UploadAsync(alice, "bob", "relatório.txt", data);

        JsonElement offer = await bob.WaitForAsync(f => Type(f) == "file" && Str(f, "fileId") == fileId, Deadline);
        Assert.Equal("alice", Str(offer, "from"));
        Assert.Equal(data, await FileTransfers.DownloadAsync(bob, fileId));
        // Offered once on each side, as the file, not again as a line; the conversation goes on after it.
        await alice.ExpectOkAsync("msg", new { to = "bob", text = "did it arrive?" });
        await bob.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "did it arrive?", Deadline);
        await bob.ExpectOkAsync("msg", new { to = "alice", text = "sim, obrigado!" });
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "sim, obrigado!", Deadline);
        Assert.Single(bob.Frames(), f => Type(f) == "file" && Str(f, "fileId") == fileId);
        Assert.Single(alice.Frames(), f => Type(f) == "file" && Str(f, "fileId") == fileId);
        Assert.DoesNotContain(bob.Frames(), f => Type(f) == "message" && Str(f, "fileId") == fileId);
    }

    [SkippableFact]
    public async Task AFileOfferAcrossNodes_GetsAnIdAboveEveryLineStoredBeforeIt()
    {
        (TestClient alice, TestClient bob) = await GuestAliceAndAccountBobAsync();
        // alice's node numbers something of its own first (a file offer once came from its block of ids)...
        await FileTransfers.UploadAsync(alice, "#general", "first.txt", "um"u8.ToArray());
        // ...then lines stored by the database move past that block.
        long lastLine = 0;
        for (int i = 0; i < 3; i++)
        {
            lastLine = (await bob.ExpectOkAsync("msg", new { to = "#general", text = $"linha {i}" })).GetProperty("msgId").GetInt64();
        }
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "linha 2", Deadline);

        foreach (string to in new[] { "#general", "bob" })
        {
            string fileId = await FileTransfers.UploadAsync(alice, to, $"for {to}.txt", "dois"u8.ToArray());
            JsonElement offer = await bob.WaitForAsync(f => Type(f) == "file" && Str(f, "fileId") == fileId, Deadline);
            long id = offer.GetProperty("msgId").GetInt64();
            Assert.True(id > lastLine, $"the offer to {to} got id {id}, below the line {lastLine} stored before it");
            lastLine = id;
        }
    }

    private async Task<(TestClient Alice, TestClient Bob)> GuestAliceAndAccountBobAsync()
    {
        await StartClusterAsync(2);
        TestClient alice = await Cluster.LoginAsync(Cluster.Nodes[0], "alice");
        TestClient bob = await Cluster.LoginAsync(Cluster.Nodes[1], "bob", "bob's password", register: true);
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "user") == "bob", Deadline);
        return (alice, bob);
    }

    private long QueuedLines()
    {
        using var connection = new NpgsqlConnection(Cluster.Schema.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM offline_messages", connection);
        return (long)command.ExecuteScalar()!;
    }
}
