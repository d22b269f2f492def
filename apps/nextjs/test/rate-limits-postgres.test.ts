import { sharedBudgetSuite } from "./support/rate-limit-suite";

sharedBudgetSuite("postgres");
