-- PostgreSQL only: there this version creates the tables of login sessions and pending
-- authorizations that several nodes share (see postgresql/V15). On H2, which one process owns,
-- both stay in that process's memory.
SELECT 1;
