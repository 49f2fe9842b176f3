using System.Text.Json.Serialization;

namespace TuiChat.Bench;

/// <summary>One bench run's figures: printed as one JSON line and as a human summary.</summary>
internal sealed record BenchResult
{
    public required string Proto { get; init; }
    public required int Clients { get; init; }
    public int IdleClients { get; init; }
    public int Senders { get; init; }
    public int Messages { get; init; }
    public int Size { get; init; }
    public double Rate { get; init; }
    public int Window { get; init; }
    public double SetupSeconds { get; init; }
    public long Sent { get; init; }
    public long Expected { get; init; }
    public long Received { get; init; }
    public long Lost { get; init; }
    public long Duplicates { get; init; }
    public int Dropped { get; init; }
    public long Errors { get; init; }
    public double LoadSeconds { get; init; }
    public double DeliveriesPerSecond { get; init; }
    public double LatencyP50Ms { get; init; }
    public double LatencyP99Ms { get; init; }
    public double LatencyMaxMs { get; init; }
    public double BenchCpuSeconds { get; init; }
    /// <summary>The measured server processes; the server figures below are their sums.</summary>
    public IReadOnlyList<int>? ServerPids { get; init; }
    public long? ServerRssBaseKiB { get; init; }
    public long? ServerRssConnectedKiB { get; init; }
    public long? ServerRssAfterKiB { get; init; }
    public long? ServerRssPeakKiB { get; init; }
    public double? ServerRssPerClientKiB { get; init; }
    public long? ServerThreads { get; init; }
    public double? ServerCpuSeconds { get; init; }

    /// <summary>Server CPU from before the first connect until the setup traffic stopped (logins, joins, presence).</summary>
    public double? ServerSetupCpuSeconds { get; init; }

    /// <summary>True when nothing was lost, duplicated or dropped: the run counts.</summary>
    [JsonIgnore]
    public bool Clean => Lost == 0 && Duplicates == 0 && Dropped == 0;
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BenchResult))]
[JsonSerializable(typeof(Search.SearchBenchResult))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
