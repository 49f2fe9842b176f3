using System.Text.Json;
using TuiChat.Server.Tests.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Cluster;

/// <summary>
/// Three real tuichat-server processes with <c>--postgres</c> (one schema) and <c>--redis</c> (one
/// redis-server of the test): one chat.
/// </summary>
public sealed class ClusterTests : ClusterTest
{
    [SkippableFact]
    public async Task ARoomWithMembersOnEveryNode_GetsOneOrder_IdenticalOnEveryNode_NothingLostNothingDoubled()
    {
        ServerProcess[] nodes = await StartNodesAsync(3);
        TestClient alice = await LoginAsync(nodes[0], "alice");
        TestClient bob = await LoginAsync(nodes[1], "bob");
        TestClient carol = await LoginAsync(nodes[2], "carol");
        TestClient[] people = [alice, bob, carol];
        // Joins reach the other nodes' members too.
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "user") == "carol", Deadline);

        const int PerPerson = 40;
        await Task.WhenAll(people.Select(async p =>
        {
            for (int i = 0; i < PerPerson; i++)
            {
                await p.SendAsync("msg", new { to = "#general", text = $"{p.User} {i} olá 👩🏽‍💻" }, id: $"{p.User}-{i}");
            }
            for (int i = 0; i < PerPerson; i++)
            {
                JsonElement reply = await p.WaitForAsync(f => Str(f, "re") == $"{p.User}-{i}", Deadline);
                Assert.True(IsOk(reply), reply.ToString());
            }
        }));

        List<(long Seq, long MsgId, string Text)>[] seen = new List<(long, long, string)>[people.Length];
        for (int p = 0; p < people.Length; p++)
        {
            await people[p].WaitForAsync(f => Lines(people[p]).Count >= 3 * PerPerson, Deadline);
            seen[p] = Lines(people[p]);
        }
        Assert.Equal(3 * PerPerson, seen[0].Count);
        Assert.Equal(seen[0], seen[1]);
        Assert.Equal(seen[0], seen[2]);
        Assert.Equal(Enumerable.Range(1, 3 * PerPerson).Select(n => (long)n), seen[0].Select(l => l.Seq));
        // Ids follow the room's order too, so history (by id) and the live order agree.
        Assert.Equal(seen[0].Select(l => l.MsgId).Order(), seen[0].Select(l => l.MsgId));
        JsonElement history = await carol.ExpectOkAsync("history", new { to = "#general", limit = 200 });
        Assert.Equal(seen[0].Select(l => l.Text), history.GetProperty("messages").EnumerateArray().Select(m => Str(m, "text")!));
        foreach (TestClient p in people)
        {
            for (int i = 0; i < PerPerson; i++)
            {
                Assert.Single(seen[0], l => l.Text == $"{p.User} {i} olá 👩🏽‍💻");
            }
        }
    }

    [SkippableFact]
    public async Task LinesPostedRightAfterANodesFirstMemberJoinsARoom_ReachThatMember()
    {
        ServerProcess[] nodes = await StartNodesAsync(2);
        TestClient alice = await LoginAsync(nodes[0], "alice");
        TestClient bob = await LoginAsync(nodes[1], "bob");
        TestClient[] flooders = [await LoginAsync(nodes[1], "carol"), await LoginAsync(nodes[1], "dave")];
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "user") == "dave", Deadline);

        // #general floods from node B, so node A's cluster worker has lines queued while alice joins:
        // each join is the first of node A in its room, which node A then starts to deliver.
        using var stop = new CancellationTokenSource();
        Task[] flooding = [.. flooders.Select(f => Task.Run(async () =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                await f.SendAsync("msg", new { to = "#general", text = $"{f.User} {i}" }, id: $"{f.User}-{i}");
                if (i % 20 == 19)
                {
                    await f.WaitForAsync(r => Str(r, "re") == $"{f.User}-{i}", Deadline);
                }
            }
        }))];
        const int Rooms = 15;
        for (int i = 0; i < Rooms; i++)
        {
            string room = $"#race{i}";
            await bob.ExpectOkAsync("join", new { room });
            await alice.ExpectOkAsync("join", new { room });
            // Posted after alice's join was acknowledged: hers, as on one server.
            await bob.ExpectOkAsync("msg", new { to = room, text = $"hello {i}" });
        }
        await stop.CancelAsync();
        await Task.WhenAll(flooding);

        for (int i = 0; i < Rooms; i++)
        {
            await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == $"hello {i}", Deadline);
        }
    }

    [SkippableFact]
    public async Task ADirectMessage_ReachesAGuestOnAnotherNode_AndTheirRoomsChangesReachTheOthers()
    {
        ServerProcess[] nodes = await StartNodesAsync(2);
        TestClient alice = await LoginAsync(nodes[0], "alice");
        TestClient bob = await LoginAsync(nodes[1], "bob");
        await alice.ExpectOkAsync("join", new { room = "#games" });
        await bob.ExpectOkAsync("join", new { room = "#games" });
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#games" && Str(f, "user") == "bob", Deadline);

        // bob is a guest on the other node (announced there before his join): found, not "no such user".
        JsonElement ok = await alice.ExpectOkAsync("msg", new { to = "bob", text = "psst, only you ✓" });
        JsonElement direct = await bob.WaitForAsync(f => Type(f) == "message" && Str(f, "to") == "bob", Deadline);
        Assert.Equal(("alice", "psst, only you ✓", ok.GetProperty("msgId").GetInt64()), (Str(direct, "from"), Str(direct, "text"), direct.GetProperty("msgId").GetInt64()));
        await bob.ExpectOkAsync("msg", new { to = "alice", text = "got it" });
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "got it", Deadline);

        // The creator of #games (alice) kicks bob from the other node: he is out of it there too.
        await alice.ExpectOkAsync("topic", new { room = "#games", topic = "dice only" });
        await bob.WaitForAsync(f => Type(f) == "topic" && Str(f, "topic") == "dice only", Deadline);
        await alice.ExpectOkAsync("kick", new { room = "#games", user = "bob" });
        await bob.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "bob" && Str(f, "reason") == "kick", Deadline);
        await bob.ExpectErrorAsync("not_a_member", "msg", new { to = "#games", text = "still here?" });
    }

    [SkippableFact]
    public async Task ANodeKilledUnderLoad_ItsUsersCarryOnFromAnother_AndEveryAcknowledgedLineIsInHistoryOnce()
    {
        ServerProcess[] nodes = await StartNodesAsync(3);
        TestClient alice = await LoginAsync(nodes[0], "alice");
        TestClient bob = await LoginAsync(nodes[1], "bob");
        TestClient carol = await LoginAsync(nodes[2], "carol");
        await carol.WaitForAsync(f => Type(f) == "joined" && Str(f, "user") == "carol", Deadline);
        var acked = new System.Collections.Concurrent.ConcurrentBag<string>();

        async Task TalkAsync(TestClient who, int lines)
        {
            for (int i = 0; i < lines; i++)
            {
                JsonElement reply;
                try
                {
                    reply = await who.RequestAsync("msg", new { to = "#general", text = $"{who.User} {i}" }, Deadline);
                }
                catch (Exception e) when (who.Closed && e is TimeoutException or IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
                {
                    return; // its node was killed: what it sent without an ok may or may not be stored
                }
                if (IsOk(reply))
                {
                    acked.Add($"{who.User} {i}");
                }
            }
        }

        Task[] talking = [TalkAsync(alice, 150), TalkAsync(bob, 150), TalkAsync(carol, 150)];
        await Eventually.Until(() => acked.Count(t => t.StartsWith("bob", StringComparison.Ordinal)) >= 20, "bob's first lines", Deadline);
        nodes[1].Kill();
        await bob.WaitClosedAsync(Deadline);
        var reconnecting = System.Diagnostics.Stopwatch.StartNew();
        TestClient bobAgain = await LoginWhenFreeAsync(nodes[2], "bob");
        reconnecting.Stop();
        await bobAgain.ExpectOkAsync("msg", new { to = "#general", text = "bob back" });
        acked.Add("bob back");
        await Task.WhenAll(talking);

        // A killed server's users may log in elsewhere once its heartbeat is gone (RemoteUsers: 3 s).
        Assert.True(reconnecting.Elapsed < TimeSpan.FromSeconds(5), $"bob got back in after {reconnecting.Elapsed}");
        foreach (TestClient reader in new[] { alice, carol, bobAgain })
        {
            List<string> texts = await WholeHistoryAsync(reader);
            foreach (string line in acked)
            {
                Assert.Equal(1, texts.Count(t => t == line));
            }
        }
        // And the live order was the same for the two that stayed.
        Assert.Equal(Lines(alice).Select(l => l.Seq).Where(s => s <= Lines(carol).Max(l => l.Seq)), Lines(carol).Select(l => l.Seq).Where(s => s <= Lines(alice).Max(l => l.Seq)));
    }

    [SkippableFact]
    public async Task AnAccountLoggedInOnTwoNodes_GetsItsDirectMessagesOnBoth_AndSeesWhatItSentOnBoth()
    {
        ServerProcess[] nodes = await StartNodesAsync(2);
        TestClient laptop = await Cluster.LoginAsync(nodes[0], "dave", "correct horse", register: true);
        TestClient phone = await Cluster.LoginAsync(nodes[1], "dave", "correct horse");
        TestClient alice = await LoginAsync(nodes[0], "alice");
        TestClient bob = await LoginAsync(nodes[1], "bob");

        await alice.ExpectOkAsync("msg", new { to = "dave", text = "from alice on A" });
        await bob.ExpectOkAsync("msg", new { to = "dave", text = "from bob on B" });
        foreach (TestClient session in new[] { laptop, phone })
        {
            await session.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "from alice on A", Deadline);
            await session.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "from bob on B", Deadline);
        }
        await phone.ExpectOkAsync("msg", new { to = "alice", text = "dave answers from the phone" });
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "dave answers from the phone", Deadline);
        await laptop.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "dave answers from the phone", Deadline);
        Assert.Single(laptop.Frames(), f => Type(f) == "message" && Str(f, "text") == "from alice on A");
    }

    [SkippableFact]
    public async Task WhilePostgresCannotBeUsed_ARoomLineGetsUnavailable_AndReachesNobody()
    {
        ServerProcess[] nodes = await StartNodesAsync(2);
        TestClient alice = await LoginAsync(nodes[0], "alice");
        TestClient bob = await LoginAsync(nodes[1], "bob");
        await alice.ExpectOkAsync("msg", new { to = "#general", text = "antes" });

        // The tables vanish from under the running nodes, as with a database that went away.
        TestPostgres.Execute(Cluster.Schema.ConnectionString, $"ALTER SCHEMA {Cluster.Schema.Name} RENAME TO {Cluster.Schema.Name}_away");
        JsonElement refused = await alice.RequestAsync("msg", new { to = "#general", text = "durante 😬" });
        TestPostgres.Execute(Cluster.Schema.ConnectionString, $"ALTER SCHEMA {Cluster.Schema.Name}_away RENAME TO {Cluster.Schema.Name}");
        await alice.ExpectOkAsync("msg", new { to = "#general", text = "depois" });

        Assert.True(IsError(refused, "unavailable"), refused.ToString());
        Assert.Contains("not sent", Str(refused, "message"), StringComparison.Ordinal);
        foreach (TestClient reader in new[] { alice, bob })
        {
            await reader.WaitForAsync(f => Str(f, "text") == "depois", Deadline);
            Assert.Equal(["antes", "depois"], Lines(reader).Select(l => l.Text));
        }
    }

    [SkippableFact]
    public async Task AGuestNameOnlineOnNodeA_AndItsLookAlikes_AreRefusedOnNodeB_AndFreeThereOnceItLogsOut()
    {
        ServerProcess[] nodes = await StartNodesAsync(2);
        TestClient alice = await LoginAsync(nodes[0], "alice");

        await using (TestClient impostor = await TestClient.ConnectAsync(nodes[1].Port))
        {
            JsonElement refused = await impostor.RequestAsync("hello", new { protocol = 1, user = "Alice" });
            Assert.True(IsError(refused, "name_taken"), refused.ToString());
        }
        await using (TestClient lookAlike = await TestClient.ConnectAsync(nodes[1].Port))
        {
            // "аlice" with a Cyrillic а: one server refuses a look-alike of an online name; so does the cluster.
            JsonElement refused = await lookAlike.RequestAsync("hello", new { protocol = 1, user = "\u0430lice" });
            Assert.True(IsError(refused, "name_taken"), refused.ToString());
        }

        await alice.ExpectOkAsync("quit");
        await alice.WaitClosedAsync();
        // The release reaches Redis just after the logout: a login may still be refused right then.
        await LoginWhenFreeAsync(nodes[1], "alice");
    }

    [SkippableFact]
    public async Task RedisStoppedUnderLoad_AndStartedAgain_NothingIsLost_AndTheOrderIsKept()
    {
        ServerProcess[] nodes = await StartNodesAsync(2);
        TestClient alice = await LoginAsync(nodes[0], "alice");
        TestClient bob = await LoginAsync(nodes[1], "bob");
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "user") == "bob", Deadline);

        int sent = 0;
        async Task SendAsync(int count)
        {
            for (int i = 0; i < count; i++, sent++)
            {
                await alice.ExpectOkAsync("msg", new { to = "#general", text = $"line {sent}" });
            }
        }
        await SendAsync(20);
        await bob.WaitForAsync(f => Str(f, "text") == "line 19", Deadline);

        Cluster.Redis.Stop();
        await SendAsync(20); // stored and acked while Redis is down
        Cluster.Redis.Start();
        await SendAsync(20);

        await bob.WaitForAsync(f => Lines(bob).Count >= sent, Deadline);
        Assert.Equal(Enumerable.Range(0, sent).Select(i => $"line {i}"), Lines(bob).Select(l => l.Text));
        Assert.Equal(Enumerable.Range(1, sent).Select(n => (long)n), Lines(bob).Select(l => l.Seq));
        // Redis came back empty: alice is not taken for gone meanwhile.
        Assert.False(bob.Saw(f => Type(f) == "left"), "bob was told alice left");
    }

    [SkippableFact]
    public async Task ANode_WaitsTenMillisecondsForCompanyBeforeACommit_ByDefault()
    {
        // A node delivers a line once it is stored, so its default commit delay is a single server's fifth.
        ServerProcess[] nodes = await StartNodesAsync(1);

        Assert.Contains("(commit delay 10 ms)", nodes[0].Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Redis_WithoutPostgres_OrUnreachable_StopsTheStart_WithOneLine()
    {
        using var data = new TempDataFolder();
        (int exitCode, string output) = await ServerProcess.RunUntilExitAsync(data.Path, ["--redis", "127.0.0.1:1"]);
        Assert.Equal(1, exitCode);
        Assert.Contains("--redis needs --postgres", output, StringComparison.Ordinal);

        using TestSchema schema = TestPostgres.CreateSchema();
        string nowhere = Path.Combine(data.Path, "no-redis.sock");
        (exitCode, output) = await ServerProcess.RunUntilExitAsync(data.Path, ["--postgres", schema.ConnectionString, "--redis", nowhere]);
        Assert.Equal(1, exitCode);
        Assert.Contains($"cannot reach Redis at {nowhere}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    /// <summary>Every line of #general, page by page (200 at most per request), oldest first.</summary>
    private static async Task<List<string>> WholeHistoryAsync(TestClient reader)
    {
        var texts = new List<string>();
        long? before = null;
        while (true)
        {
            JsonElement page = await reader.ExpectOkAsync("history", new { to = "#general", limit = 200, before });
            JsonElement[] lines = [.. page.GetProperty("messages").EnumerateArray()];
            texts.InsertRange(0, lines.Select(m => Str(m, "text")!));
            if (lines.Length < 200)
            {
                return texts;
            }
            before = lines[0].GetProperty("msgId").GetInt64();
        }
    }

    private Task<TestClient> LoginWhenFreeAsync(ServerProcess node, string name) => Cluster.LoginWhenFreeAsync(node, name);

    /// <summary>The room lines a client received live, in arrival order.</summary>
    private static List<(long Seq, long MsgId, string Text)> Lines(TestClient client) =>
        [.. client.Frames().Where(f => Type(f) == "message" && Str(f, "to") == "#general")
            .Select(f => (f.GetProperty("seq").GetInt64(), f.GetProperty("msgId").GetInt64(), Str(f, "text")!))];

    private async Task<ServerProcess[]> StartNodesAsync(int count)
    {
        return [.. (await StartClusterAsync(count)).Nodes];
    }

    private Task<TestClient> LoginAsync(ServerProcess node, string name) => Cluster.LoginAsync(node, name);
}
