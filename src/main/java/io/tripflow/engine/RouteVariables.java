package io.tripflow.engine;

/**
 * The exchange headers and properties that both the YAML routes and Java use, each named once
 * here. They carry data between steps; a decision is a bean method whose name says it.
 * {@code RouteVariablesTest} holds the routes to this list: a route naming any other
 * {@code Tripflow…} header or property fails the build.
 */
public final class RouteVariables {

    /** Header: the UTC date a KPI run is for ({@link java.time.LocalDate}). */
    public static final String KPI_DATE = "TripflowKpiDate";
    /** Header: true to write a date's KPI files even when no figure changed ({@code tripflow kpi}). */
    public static final String KPI_FORCE = "TripflowKpiForce";
    /** Property: the started KPI run holding the date's lease, null while another instance holds it. */
    public static final String KPI_RUN = "TripflowKpiRun";
    /** Property: the computed report of the date (both documents). */
    public static final String KPI_REPORT = "TripflowKpiReport";
    /** Property: what refreshing daily_trip_kpis.csv did ({@code KpiCsvExport.Outcome}). */
    public static final String KPI_CSV = "TripflowKpiCsv";
    /** Header: the {@code event_type} of a record on the single mixed stream. */
    public static final String EVENT_TYPE = "TripflowEventType";
    /** Property: the claim of the file version being taken in ({@code FileClaims.Claim}). */
    public static final String FILE_CLAIM = "TripflowFileClaim";
    /** Property: the report of the file being taken in, filled in as it streams ({@code FileReport}). */
    public static final String FILE_REPORT = "TripflowFileReport";

    /** Property: the shop row being stored ({@code OrderRow}); its body is the JSON its schema validates. */
    public static final String ORDER_ROW = "TripflowOrderRow";
    /** Property: the stored orders and products a batch of shop rows refers to ({@code OrderReferences}). */
    public static final String ORDER_REFERENCES = "TripflowOrderReferences";
    /** Property: the order dates a batch of shop rows touched, gathered as its rows are stored. */
    public static final String ORDER_DATES = "TripflowOrderDates";
    /** Header: the touch of an order date a KPI run answers ({@code OrderKpiRuns.Due}), cleared when it succeeds. */
    public static final String ORDER_TOUCH = "TripflowOrderTouch";
    /** Property: an order date's folded KPIs ({@code OrderDayFold}). */
    public static final String ORDER_KPIS = "TripflowOrderKpis";
    /** Property: the orphan reports to write ({@code OrphanItems.Report}s). */
    public static final String ORPHAN_REPORTS = "TripflowOrphanReports";

    /** Property: what refreshing a completed trip's analytics did ({@code TripAnalyticsStore.Outcome}). */
    public static final String ANALYTICS = "TripflowAnalytics";

    private RouteVariables() {
    }
}
