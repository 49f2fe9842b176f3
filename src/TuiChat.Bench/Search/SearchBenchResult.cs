namespace TuiChat.Bench.Search;

/// <summary>A search benchmark's figures, printed as one JSON line.</summary>
internal sealed record SearchBenchResult
{
    public required long Stored { get; init; }
    public required double SeedSeconds { get; init; }
    public required int Searches { get; init; }
    public required IReadOnlyList<SearchQueryResult> Queries { get; init; }
}

/// <summary>One query asked <see cref="SearchBenchResult.Searches"/> times by one searcher.</summary>
internal sealed record SearchQueryResult
{
    public required string Searcher { get; init; }
    public required string Query { get; init; }
    public required string Q { get; init; }
    public required int Results { get; init; }
    public required double P50Ms { get; init; }
    public required double P99Ms { get; init; }
    public required double MaxMs { get; init; }
}
