/* A test plugin for shadow's libsubid (nsswitch.conf `subid: nooktest`): it gives OWNER the
 * subordinate uids and gids START..START+COUNT-1, and nobody else any. tests/subid/run.sh
 * builds it with -DOWNER=... -DSTART=... -DCOUNT=...; the symbols and types are those of
 * shadow 4.13's lib/nss.c and libsubid/subid.h. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

struct subid_range {
	unsigned long start;
	unsigned long count;
};

enum subid_type { ID_TYPE_UID = 1, ID_TYPE_GID = 2 };

enum subid_status {
	SUBID_STATUS_SUCCESS = 0,
	SUBID_STATUS_UNKNOWN_USER = 1,
	SUBID_STATUS_ERROR_CONN = 2,
	SUBID_STATUS_ERROR = 3,
};

enum subid_status shadow_subid_has_range(const char *owner, unsigned long start,
					 unsigned long count, enum subid_type idtype,
					 bool *result)
{
	(void)idtype;
	*result = strcmp(owner, OWNER) == 0 && start >= START && count <= COUNT &&
		  start - START <= COUNT - count;
	return SUBID_STATUS_SUCCESS;
}

enum subid_status shadow_subid_list_owner_ranges(const char *owner, enum subid_type idtype,
						 struct subid_range **ranges, int *count)
{
	(void)idtype;
	*ranges = NULL;
	*count = 0;
	if (strcmp(owner, OWNER) != 0)
		return SUBID_STATUS_SUCCESS;
	*ranges = malloc(sizeof(**ranges));
	if (!*ranges)
		return SUBID_STATUS_ERROR;
	(*ranges)[0].start = START;
	(*ranges)[0].count = COUNT;
	*count = 1;
	return SUBID_STATUS_SUCCESS;
}

enum subid_status shadow_subid_find_subid_owners(unsigned long id, enum subid_type idtype,
						 uid_t **uids, int *count)
{
	(void)id;
	(void)idtype;
	*uids = NULL;
	*count = 0;
	return SUBID_STATUS_SUCCESS;
}
