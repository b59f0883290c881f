namespace HealthKart.Core.Facts;

/// <summary>
/// The tracking rows of one source that carry a customer (a non-empty <c>user_id</c>), one entry per row, as parallel
/// arrays: which customer (<see cref="Customers"/> holds each one's stored pseudonym once), which of the source's
/// <see cref="SourceFacts.Sales"/> facts the row folded into (that fact carries its date and dimensions), and its net
/// orders and revenue (negative for refunded and cancelled rows). Facts are aggregates and forget who bought; this
/// keeps just enough to say, across every current source, when each customer first bought and who brought them
/// (docs/customers.md).
/// </summary>
public sealed record CustomerRows(IReadOnlyList<string> Customers, int[] Customer, int[] Sale, int[] Orders,
    long[] RevenuePaise)
{
    public static readonly CustomerRows None = new([], [], [], [], []);

    public int Count => Customer.Length;
}
