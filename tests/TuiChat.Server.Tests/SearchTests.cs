using System.Text;
using System.Text.Json;
using TuiChat.Server.Storage;
using TuiChat.Server.Tests.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

/// <summary><c>search</c> over real sockets: only what the caller may read, by identity; paging; the index through a restart; file offers.</summary>
public sealed class SearchTests
{
    private static List<string> Found(JsonElement ok) =>
        [.. ok.GetProperty("results").EnumerateArray().Select(r => $"{Str(r, "room")}|{Str(r, "from")}|{Str(r, "text")}")];

    [Fact]
    public async Task Search_NeverShowsALineFromAGroupTheCallerIsNotIn_NorSomeoneElsesDirectConversation()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await using TestClient carol = await server.LoginAsync("carol");
        await using TestClient mallory = await server.LoginAsync("mallory");
        await bob.ExpectOkAsync("create", new { room = "+team", @private = true, members = new[] { "carol" } });
        await bob.ExpectOkAsync("msg", new { to = "+team", text = "secret plan in the group" });
        await bob.ExpectOkAsync("msg", new { to = "carol", text = "secret plan between bob and carol" });
        await alice.ExpectOkAsync("msg", new { to = "bob", text = "secret plan from alice" });
        await alice.ExpectOkAsync("join", new { room = "#games" });
        await alice.ExpectOkAsync("msg", new { to = "#games", text = "secret plan in games" });
        await carol.ExpectOkAsync("msg", new { to = "#general", text = "no secrets here" });

        Assert.Equal(["#games|alice|secret plan in games", "bob|alice|secret plan from alice"], Found(await alice.ExpectOkAsync("search", new { q = "SECRET plan" })));
        Assert.Equal(["alice|alice|secret plan from alice", "carol|bob|secret plan between bob and carol", "+team|bob|secret plan in the group"],
            Found(await bob.ExpectOkAsync("search", new { q = "secret" })));
        Assert.Empty(Found(await mallory.ExpectOkAsync("search", new { q = "secret" })));
        JsonElement team = (await carol.ExpectOkAsync("search", new { q = "group" })).GetProperty("results")[0];
        Assert.Equal(("+team", "group"), (Str(team, "room"), Str(team, "kind")));

        // Leaving the group ends the right to search it.
        await carol.ExpectOkAsync("leave", new { room = "+team" });
        Assert.Empty(Found(await carol.ExpectOkAsync("search", new { q = "group" })));
        await mallory.ExpectErrorAsync("bad_request", "search", new { q = " ?! " });
    }

    [Fact]
    public async Task Search_ByName_NeverReachesAnEarlierHolderOfTheNameOrAnEndedRoom()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using (TestClient gina = await server.LoginAsync("gina"))
        {
            await gina.ExpectOkAsync("msg", new { to = "alice", text = "password is hunter2" });
            await gina.ExpectOkAsync("join", new { room = "#tmp" });
            await gina.ExpectOkAsync("msg", new { to = "#tmp", text = "hunter2 again" });
            await gina.ExpectOkAsync("quit");
        }
        await using TestClient impostor = await server.LoginAsync("gina");
        await impostor.ExpectOkAsync("join", new { room = "#tmp" });

        Assert.Empty(Found(await impostor.ExpectOkAsync("search", new { q = "hunter2" })));
        Assert.Single(Found(await alice.ExpectOkAsync("search", new { q = "hunter2" })));
    }

    [Fact]
    public async Task Search_PagesNewestFirst_WithBeforeAndMore()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        for (int i = 1; i <= 25; i++)
        {
            await alice.ExpectOkAsync("msg", new { to = "#general", text = $"needle {i}" });
        }

        JsonElement first = await alice.ExpectOkAsync("search", new { q = "needle" });
        long last = first.GetProperty("results")[19].GetProperty("msgId").GetInt64();
        JsonElement second = await alice.ExpectOkAsync("search", new { q = "needle", before = last, limit = 10 });

        Assert.Equal(20, Found(first).Count);
        Assert.True(first.GetProperty("more").GetBoolean());
        Assert.Equal("#general|alice|needle 25", Found(first)[0]);
        Assert.Equal(["needle 5", "needle 4", "needle 3", "needle 2", "needle 1"], Found(second).Select(f => f.Split('|')[2]));
        Assert.False(second.GetProperty("more").GetBoolean());
        Assert.Single(Found(await alice.ExpectOkAsync("search", new { q = "needle", limit = 0 })));
    }

    [Fact]
    public async Task ALineSentJustBeforeTheSearch_IsFound()
    {
        using var data = new TempDataFolder();
        await using TestServer server = TestServer.Start(store: SqliteChatStore.Open(data.Path));
        await using TestClient alice = await server.LoginAsync("alice");
        for (int i = 1; i <= 20; i++)
        {
            // The search is sent before the line's ok came back: the store writes the line before it
            // indexes the backlog for the search, so the line is in the index the search reads.
            // (Before the backlog, a search read what was committed and missed it.)
            await alice.SendAsync("msg", new { to = "#general", text = $"fresh line {i}" }, id: $"m{i}");
            Assert.Equal($"#general|alice|fresh line {i}", Found(await alice.ExpectOkAsync("search", new { q = "fresh" })).FirstOrDefault());
        }
    }

    [Fact]
    public async Task TheIndex_FindsALineOnceItsOkArrived_AndSurvivesARestart()
    {
        using var data = new TempDataFolder();
        await using (TestServer server = TestServer.Start(store: SqliteChatStore.Open(data.Path)))
        {
            await using TestClient alice = await server.LoginAsync("alice", "password-a", register: true);
            await alice.ExpectOkAsync("join", new { room = "#cafés" });
            await alice.ExpectOkAsync("msg", new { to = "#cafés", text = "Olá! O café da manhã é às 8 ☕" });
            // Found the moment its ok arrived: a search indexes the lines still waiting for the index first.
            Assert.Single(Found(await alice.ExpectOkAsync("search", new { q = "cafe manha" })));
        }

        await using (TestServer server = TestServer.Start(store: SqliteChatStore.Open(data.Path)))
        {
            await using TestClient alice = await server.LoginAsync("alice", "password-a");
            await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#cafés" && Str(f, "user") == "alice");
            await alice.ExpectOkAsync("msg", new { to = "#cafés", text = "outro café" });

            Assert.Equal(["#cafés|alice|outro café", "#cafés|alice|Olá! O café da manhã é às 8 ☕"], Found(await alice.ExpectOkAsync("search", new { q = "CAFÉ" })));
            Assert.Single(Found(await alice.ExpectOkAsync("search", new { q = "ma*" })));
        }
    }

    [Fact]
    public async Task AFileOffer_IsALineOfHistory_ThatALaterReaderSeesFindsAndSaves()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        byte[] data = Encoding.UTF8.GetBytes("quarterly numbers");
        int mark = alice.FrameCount;
        string fileId = await FileTransfers.UploadAsync(alice, "#general", "report.txt", data);
        JsonElement offered = await alice.WaitForAsync(f => Type(f) == "file" && Str(f, "fileId") == fileId, from: mark);
        long msgId = offered.GetProperty("msgId").GetInt64();

        await using TestClient bob = await server.LoginAsync("bob");
        JsonElement line = (await bob.ExpectOkAsync("history", new { to = "#general" })).GetProperty("messages").EnumerateArray().Single();
        JsonElement found = (await bob.ExpectOkAsync("search", new { q = "report" })).GetProperty("results").EnumerateArray().Single();

        Assert.Equal((msgId, "alice", $"sent a file: report.txt ({data.Length} bytes)"), (line.GetProperty("msgId").GetInt64(), Str(line, "from"), Str(line, "text")));
        Assert.Equal((fileId, "report.txt", (long)data.Length), (Str(line.GetProperty("file"), "fileId"), Str(line.GetProperty("file"), "name"), line.GetProperty("file").GetProperty("size").GetInt64()));
        Assert.Equal(fileId, Str(found.GetProperty("file"), "fileId"));
        Assert.Equal(data, await FileTransfers.DownloadAsync(bob, fileId));
    }
}
