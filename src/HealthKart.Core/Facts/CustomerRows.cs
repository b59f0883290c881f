namespace HealthKart.Core.Facts;

/// <summary>
/// The tracking rows of one source that carry a customer (a non-empty <c>user_id</c>), one entry per row, as parallel
/// columns: which customer (<see cref="Customers"/> holds each one's stored pseudonym once), which of the source's
/// <see cref="SourceFacts.Sales"/> facts the row folded into (that fact carries its date and dimensions), and its net
/// orders and revenue (negative for refunded and cancelled rows). Facts are aggregates and forget who bought; this
/// keeps just enough to say, across every current source, when each customer first bought and who brought them
/// (docs/customers.md).
/// </summary>
/// <remarks>The arrays may be longer than <paramref name="count"/> (the columns a read grew are kept as they are, not
/// copied to size); only the first <paramref name="count"/> items are rows.</remarks>
public sealed class CustomerRows(
    CustomerNames customers, int[] customer, int[] sale, int[] orders, long[] revenuePaise, int count)
{
    public static readonly CustomerRows None = new(CustomerNames.None, [], [], [], [], 0);

    public CustomerNames Customers { get; } = customers;

    public int Count { get; } = count <= Math.Min(Math.Min(customer.Length, sale.Length),
        Math.Min(orders.Length, revenuePaise.Length)) ? count
        : throw new ArgumentOutOfRangeException(nameof(count), "more rows than the columns hold");

    public ReadOnlySpan<int> Customer => customer.AsSpan(0, Count);

    public ReadOnlySpan<int> Sale => sale.AsSpan(0, Count);

    public ReadOnlySpan<int> Orders => orders.AsSpan(0, Count);

    public ReadOnlySpan<long> RevenuePaise => revenuePaise.AsSpan(0, Count);
}
